package dev.haven.smb.server;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;

/**
 * A {@link ConnectionOutput} for tests: like the serial executor, tasks wait until the test
 * runs them ({@link #runTasks}), after the frame being processed; sent payloads are kept.
 */
final class RecordingOutput implements ConnectionOutput {
    final List<byte[]> sent = new ArrayList<>();
    private final Queue<Runnable> tasks = new ArrayDeque<>();

    @Override
    public synchronized void execute(Runnable task) {
        tasks.add(task);
    }

    @Override
    public void send(byte[] payload) {
        sent.add(payload);
    }

    @Override
    public boolean isClosed() {
        return false;
    }

    /** Runs the queued tasks (and those they queue) on the calling thread. */
    void runTasks() {
        Runnable next;
        while ((next = poll()) != null) {
            next.run();
        }
    }

    private synchronized Runnable poll() {
        return tasks.poll();
    }
}
