package dev.haven.fs;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Admits changes unless the file system is frozen. While frozen, new changes wait; freezing
 * waits until the changes already admitted have finished.
 */
final class ChangeGate {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition thawed = lock.newCondition();
    private final Condition idle = lock.newCondition();
    private int active;
    private boolean frozen;

    /** Waits while frozen, then counts one change in. */
    void enter() {
        lock.lock();
        try {
            while (frozen) {
                thawed.awaitUninterruptibly();
            }
            active++;
        } finally {
            lock.unlock();
        }
    }

    void exit() {
        lock.lock();
        try {
            if (--active == 0) {
                idle.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Stops new changes and waits for the admitted ones; false when already frozen. */
    boolean freeze() {
        lock.lock();
        try {
            if (frozen) {
                return false;
            }
            frozen = true;
            while (active > 0) {
                idle.awaitUninterruptibly();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Lets changes in again; false when not frozen. */
    boolean thaw() {
        lock.lock();
        try {
            if (!frozen) {
                return false;
            }
            frozen = false;
            thawed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean frozen() {
        lock.lock();
        try {
            return frozen;
        } finally {
            lock.unlock();
        }
    }
}
