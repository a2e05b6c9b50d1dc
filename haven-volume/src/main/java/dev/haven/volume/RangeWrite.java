package dev.haven.volume;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A production write of several blocks while read-only snapshots exist and no restore runs: the
 * same copy on first write as block-by-block (docs/format/volume.md, "Copy on first write"),
 * with the I/O done per run instead of per block: the old content is read in one read, saved
 * copies that land on adjacent save blocks go out in one write, and blocks that need no copy are
 * written in place as one run. A 1 MiB write then costs a handful of system calls, not 512.
 *
 * <p>The blocks' stripe locks are all held (taken in stripe order, so two range writers cannot
 * deadlock; everyone else holds one stripe at a time), so readers never see a half-done copy.
 */
final class RangeWrite {
    /** Blocks handled under one set of stripe locks. */
    static final int MAX_BLOCKS = 256;

    private final Engine engine;
    private final HeldWrites held;
    private final int blockSize;
    private final byte[] zeros;
    /**
     * Per-thread buffers for the old content and the saved run: a fresh 1 MiB array per write is
     * a humongous object for G1 and cost more in GC pauses than the copy itself (JFR on
     * VolumeWriteBench: about 1 s of pauses in 13 shots).
     */
    private final ThreadLocal<byte[]> oldScratch;
    private final ThreadLocal<ByteBuffer> runScratch;

    RangeWrite(Engine engine, HeldWrites held) {
        this.engine = engine;
        this.held = held;
        this.blockSize = engine.blockSize;
        this.zeros = new byte[blockSize];
        this.oldScratch = ThreadLocal.withInitial(() -> new byte[MAX_BLOCKS * blockSize]);
        this.runScratch = ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(MAX_BLOCKS * blockSize));
    }

    /** Writes {@code src} (whole blocks) at {@code block}, {@link #MAX_BLOCKS} at a time. */
    void write(long block, ByteBuffer src) throws IOException {
        for (long b = block; src.hasRemaining(); ) {
            int n = Math.min(MAX_BLOCKS, src.remaining() / blockSize);
            ByteBuffer part = src.slice(src.position(), n * blockSize);
            ReentrantLock[] locks = engine.stripes.ofRange(b, n);
            for (ReentrantLock l : locks) {
                l.lock();
            }
            try {
                writeLocked(b, n, part);
            } finally {
                for (ReentrantLock l : locks) {
                    l.unlock();
                }
            }
            src.position(src.position() + n * blockSize);
            b += n;
        }
    }

    private void writeLocked(long block, int n, ByteBuffer src) throws IOException {
        long[] target = new long[n];
        int first = -1;
        int last = -1;
        for (int i = 0; i < n; i++) {
            target[i] = engine.saveTarget(block + i, Long.MIN_VALUE, Long.MAX_VALUE);
            if (target[i] >= 0) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        boolean[] hold = new boolean[n];
        if (first >= 0) {
            saveOld(block, first, last, target, hold);
        }
        int holding = 0;
        for (int i = 0; i < n; i++) {
            hold[i] |= held.holds(HeldWrites.Stage.AFTER_META, block + i); // newer data must not overtake it
            holding += hold[i] ? 1 : 0;
        }
        byte[][] arrays = new byte[holding][];
        held.arrays(arrays);
        int direct = -1; // start of the pending run of blocks written straight through
        for (int i = 0, a = 0; i <= n; i++) {
            boolean mustHold = i < n && hold[i];
            if (direct >= 0 && (i == n || mustHold)) {
                engine.data.write(block + direct, src.slice(direct * blockSize, (i - direct) * blockSize));
                direct = -1;
            }
            if (i == n) {
                break;
            }
            if (mustHold) {
                byte[] y = arrays[a++];
                src.get(i * blockSize, y);
                held.hold(HeldWrites.Stage.AFTER_META, block + i, y);
            } else if (direct < 0) {
                direct = i;
            }
            engine.unfree(block + i);
        }
    }

    /**
     * Reads blocks {@code [first, last]} once, saves each one a snapshot needs, then logs the
     * mappings: a mapping is published only after the copy it points at is written, so a flush
     * that takes it also flushes that copy first, and a lock-free snapshot reader that finds it
     * reads the copy (Engine, "Locking").
     */
    private void saveOld(long block, int first, int last, long[] target, boolean[] hold) throws IOException {
        int span = last - first + 1;
        byte[] old = oldScratch.get();
        engine.data.read(block + first, ByteBuffer.wrap(old, 0, span * blockSize));
        ByteBuffer run = runScratch.get().clear();
        long[] saveAt = new long[span];
        long runStart = -1;
        for (int i = first; i <= last; i++) {
            if (target[i] < 0) {
                continue;
            }
            int off = (i - first) * blockSize;
            held.copyTo(block + i, old, off); // held data is newer than the disk: not yet written in place
            long s = Arrays.equals(old, off, off + blockSize, zeros, 0, blockSize) ? VolumeState.ZERO
                    : engine.space.allocate();
            if (s != VolumeState.ZERO) {
                if (runStart >= 0 && s != runStart + run.position() / blockSize) {
                    writeRun(runStart, run);
                    runStart = -1;
                }
                runStart = runStart < 0 ? s : runStart;
                run.put(old, off, blockSize);
            }
            saveAt[i - first] = s;
        }
        if (runStart >= 0) {
            writeRun(runStart, run);
        }
        for (int i = first; i <= last; i++) {
            if (target[i] >= 0) {
                engine.logMap(target[i], block + i, saveAt[i - first]);
                hold[i] = true;
            }
        }
    }

    private void writeRun(long start, ByteBuffer run) throws IOException {
        engine.save.write(start, run.flip());
        run.clear();
    }
}
