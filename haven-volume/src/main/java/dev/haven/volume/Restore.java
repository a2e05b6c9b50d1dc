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
    private final VolumeState.RestoreStatus status;

    Restore(Engine engine, String source, ReentrantLock stepLock, VolumeState.RestoreStatus status) {
        this.engine = engine;
        this.source = source;
        this.stepLock = stepLock;
        this.status = status;
    }

    /** The snapshot restored from. */
    public String source() {
        return source;
    }

    /** Blocks done of total; COMPLETE once the restore is durable as finished. */
    public RestoreProgress progress() {
        long total = engine.state.blockCount;
        RestoreState st = status.lifecycle;
        return new RestoreProgress(source, st == RestoreState.COMPLETE ? total : Math.min(status.cursor, total), total,
                st);
    }

    /** True once complete. */
    public boolean isDone() {
        return status.lifecycle == RestoreState.COMPLETE;
    }

    /** Copies up to {@code maxBlocks} differing blocks and flushes; returns true when the restore is complete. */
    public boolean step(int maxBlocks) throws IOException {
        stepLock.lock();
        try {
            return copy(maxBlocks);
        } finally {
            stepLock.unlock();
        }
    }

    /** Copies up to {@code max} blocks that differ between production and the source, then flushes. */
    private boolean copy(int max) throws IOException {
        VolumeState state = engine.state;
        engine.admin.readLock().lock();
        try {
            engine.ensureOpen();
            VolumeState.RestoreStatus rs = state.restore;
            if (rs != status) {
                if (!isDone()) {
                    throw new IOException("the restore from " + source + " is no longer running: " + status.lifecycle);
                }
                return true;
            }
            Snapshot src = state.require(rs.sourceId);
            // Copies hold their data in memory until the flush below: stop early at the bound.
            for (int i = 0; i < max && rs.cursor < state.blockCount && !engine.heldTooMuch(); i++) {
                long c = nextDifferent(state, src, rs.cursor);
                if (c < 0) {
                    rs.cursor = state.blockCount;
                    break;
                }
                engine.restoreCopy(rs, src, c);
            }
        } catch (IOException e) {
            throw engine.fail(e);
        } finally {
            engine.admin.readLock().unlock();
        }
        engine.flush(); // makes the progress durable (docs/format/volume.md, "Write ordering" step 3)
        return isDone();
    }

    /**
     * The first block at or after {@code from} where the source may differ from production:
     * one saved by a snapshot at or after the source's sequence (or written by a writable source).
     * Every other block reads the same in both, so it needs no copy.
     */
    private static long nextDifferent(VolumeState state, Snapshot src, long from) {
        long seq = src.readOnly() ? src.id : src.baseId;
        long best = state.index.nextWithCopyAtOrAfter(from, seq);
        if (!src.readOnly()) {
            Long w = src.blocks.ceilingKey(from);
            if (w != null && (best < 0 || w < best)) {
                best = w;
            }
        }
        return best;
    }

    /**
     * Blocks per step of {@link #await}: a step holds the volume's admin lock (read side while
     * copying, write side while flushing), so a user's flush waits for up to one step. 1,024
     * blocks (4 MiB at 4 KiB) keeps that wait short (RestoreBench, copy=background) at the price
     * of more flushes during the copy.
     */
    static final int STEP_BLOCKS = 1024;

    /** Runs the copy to the end on the calling thread. */
    public void await() throws IOException {
        while (!step(STEP_BLOCKS)) {
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
