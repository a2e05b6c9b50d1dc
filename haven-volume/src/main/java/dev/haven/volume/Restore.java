package dev.haven.volume;

import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A running (or finished) restore of production from a snapshot. Production is already usable:
 * this only reports and drives the background copy. {@link #step} copies a bounded amount and
 * returns, so tests drive the copy without sleeping; {@link #await} runs it to the end.
 */
public final class Restore {
    private final Engine engine;
    private final String source;
    private final ReentrantLock stepLock;

    Restore(Engine engine, String source, ReentrantLock stepLock) {
        this.engine = engine;
        this.source = source;
        this.stepLock = stepLock;
    }

    /** The snapshot restored from. */
    public String source() {
        return source;
    }

    /** Blocks done of total; COMPLETE once the restore is durable as finished. */
    public RestoreProgress progress() {
        VolumeState.RestoreStatus rs = engine.state.restore;
        long total = engine.state.blockCount;
        if (rs == null) {
            return new RestoreProgress(source, total, total, RestoreState.COMPLETE);
        }
        return new RestoreProgress(source, Math.min(rs.cursor, total), total,
                engine.isOpen() ? RestoreState.RUNNING : RestoreState.FAILED);
    }

    /** True once complete. */
    public boolean isDone() {
        return engine.state.restore == null;
    }

    /** Copies up to {@code maxBlocks} differing blocks and flushes; returns true when the restore is complete. */
    public boolean step(int maxBlocks) throws IOException {
        stepLock.lock();
        try {
            return engine.restoreStep(maxBlocks);
        } finally {
            stepLock.unlock();
        }
    }

    /** Runs the copy to the end on the calling thread. */
    public void await() throws IOException {
        while (!step(4096)) {
            // each step flushes, so progress is durable as it goes
        }
    }

    /** Runs the copy to the end, swallowing the failure (the volume records it) or a close. */
    void runInBackground() {
        try {
            await();
        } catch (IOException | IllegalStateException e) {
            // the volume is FAILED (every later call reports it) or closed; the restore resumes at the next open
        }
    }
}
