package dev.haven.smb.server;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs tasks one at a time, in submission order, on a backing executor (virtual threads): one
 * per connection, so requests of a connection are processed in order and its state needs no
 * locks, while different connections run in parallel.
 */
final class SerialExecutor implements Executor {
    private final Executor backing;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final Queue<Runnable> queue = new ArrayDeque<>();
    private boolean running;
    /** The thread running a task now, or null. */
    private volatile Thread runner;

    SerialExecutor(Executor backing) {
        this.backing = backing;
    }

    @Override
    public void execute(Runnable task) {
        lock.lock();
        try {
            queue.add(task);
            if (running) {
                return;
            }
            running = true;
        } finally {
            lock.unlock();
        }
        backing.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            lock.lock();
            try {
                next = queue.poll();
                if (next == null) {
                    running = false;
                    idle.signalAll();
                    return;
                }
            } finally {
                lock.unlock();
            }
            runner = Thread.currentThread();
            try {
                next.run();
            } finally {
                runner = null;
            }
        }
    }

    /** True when called from a task this executor is running. */
    boolean isCurrentThread() {
        return runner == Thread.currentThread();
    }

    /** Waits until every submitted task has run, or the deadline passes; true when idle. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        lock.lock();
        try {
            while (running) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
