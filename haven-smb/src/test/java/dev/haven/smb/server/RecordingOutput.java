package dev.haven.smb.server;

import java.nio.ByteBuffer;
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
    /** When set, {@link #lend} lends direct memory, as the Netty transport does. */
    boolean lending;
    /** Lent buffers neither sent nor released yet. */
    int outstanding;
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
    public synchronized OutboundBuffer lend(int length) {
        if (!lending) {
            return null;
        }
        outstanding++;
        ByteBuffer message = ByteBuffer.allocateDirect(length);
        return new OutboundBuffer() {
            private boolean done;

            @Override
            public ByteBuffer message() {
                return message;
            }

            @Override
            public void send(int n) {
                byte[] bytes = new byte[n];
                message.get(0, bytes);
                finish();
                sent.add(bytes);
            }

            @Override
            public void release() {
                finish();
            }

            private void finish() {
                synchronized (RecordingOutput.this) {
                    if (done) {
                        throw new IllegalStateException("lent buffer given back twice");
                    }
                    done = true;
                    outstanding--;
                }
            }
        };
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
