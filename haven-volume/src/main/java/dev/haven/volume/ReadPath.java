package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The read side of a volume's data path: production and snapshot views (Engine owns the writes
 * and the locks). A read-only snapshot is read without the stripe lock when no restore runs
 * (see {@link #readReadOnlyBlock}): the benchmark's oldest-of-1,000 reads spent a lock and an
 * unlock per block on it (SnapshotReadBench).
 */
final class ReadPath {
    private final Engine engine;
    private final VolumeState state;
    private final HeldWrites held;
    private final BlockDevice data;
    private final BlockDevice save;
    private final int blockSize;
    private final byte[] zeros;

    ReadPath(Engine engine, HeldWrites held) {
        this.engine = engine;
        this.state = engine.state;
        this.held = held;
        this.data = engine.data;
        this.save = engine.save;
        this.blockSize = engine.blockSize;
        this.zeros = new byte[blockSize];
    }

    void production(long block, ByteBuffer dst) throws IOException {
        engine.admin.readLock().lock();
        try {
            engine.ensureOpen();
            if (state.restore == null && held.isEmpty()) {
                data.read(block, dst);
                return;
            }
            for (long b = block; dst.hasRemaining(); b++) {
                ReentrantLock l = engine.stripes.of(b);
                l.lock();
                try {
                    VolumeState.RestoreStatus rs = state.restore;
                    dst.put(rs != null && !rs.done(b) ? snapshotBlock(state.require(rs.sourceId), b) : current(b));
                } finally {
                    l.unlock();
                }
            }
        } finally {
            engine.admin.readLock().unlock();
        }
    }

    /** The current content of production block {@code b} (held data first), as a new array. */
    byte[] current(long b) throws IOException {
        byte[] out = new byte[blockSize];
        if (!held.copyTo(b, out, 0)) {
            data.read(b, ByteBuffer.wrap(out));
        }
        return out;
    }

    void snapshot(Snapshot s, long block, ByteBuffer dst) throws IOException {
        engine.admin.readLock().lock();
        try {
            engine.ensureOpen();
            checkLive(s);
            if (s.readOnly() && state.restore == null) { // no restore can start: we hold the read side
                for (long b = block; dst.hasRemaining(); b++) {
                    readReadOnlyBlock(s, b, dst);
                }
                return;
            }
            for (long b = block; dst.hasRemaining(); b++) {
                ReentrantLock l = engine.stripes.of(b);
                l.lock();
                try {
                    readSnapshotInto(s, b, dst);
                } finally {
                    l.unlock();
                }
            }
        } finally {
            engine.admin.readLock().unlock();
        }
    }

    /**
     * Block {@code b} of read-only snapshot {@code s} into {@code dst}, without the stripe lock. A
     * writer publishes the mapping of a block's saved copy after writing the copy and before the
     * block's new data is held or written in place. So a copy found is complete, and production
     * read while no copy was found still has the snapshot's content unless a copy was published
     * meanwhile: a second lookup catches that, and the copy is read instead. The second lookup
     * is skipped when no mapping at all was added meanwhile ({@link BlockIndex#puts}): on a
     * quiet volume a production block then costs one lookup, not two (each a few cache misses).
     */
    private void readReadOnlyBlock(Snapshot s, long b, ByteBuffer dst) throws IOException {
        long puts = state.index.puts();
        long saved = state.index.ceiling(b, s.id);
        if (saved == BlockIndex.NONE) {
            int at = dst.position();
            readCurrentInto(b, dst);
            if (state.index.puts() == puts) {
                return;
            }
            saved = state.index.ceiling(b, s.id);
            if (saved == BlockIndex.NONE) {
                return;
            }
            dst.position(at);
        }
        readSavedInto(saved, dst);
    }

    /** Production block {@code b} as it is now (held data first) into {@code dst}. */
    private void readCurrentInto(long b, ByteBuffer dst) throws IOException {
        if (!held.copyTo(b, dst)) {
            readBlock(data, b, dst);
        }
    }

    /** Saved copy {@code saved} (a save block or {@link VolumeState#ZERO}) into {@code dst}. */
    private void readSavedInto(long saved, ByteBuffer dst) throws IOException {
        if (saved == VolumeState.ZERO) {
            dst.put(zeros);
        } else {
            readBlock(save, saved, dst);
        }
    }

    static void checkLive(Snapshot s) throws IOException {
        if (s.state() == SnapshotState.DELETED) {
            throw new IOException("snapshot " + s.name + " was deleted");
        }
    }

    /** Block {@code b} as snapshot {@code s} sees it, as a new array. */
    byte[] snapshotBlock(Snapshot s, long b) throws IOException {
        byte[] out = new byte[blockSize];
        readSnapshotInto(s, b, ByteBuffer.wrap(out));
        return out;
    }

    /**
     * Puts block {@code b} as snapshot {@code s} sees it into {@code dst}: its own data, else the
     * first saved copy at or after its base, else production.
     */
    private void readSnapshotInto(Snapshot s, long b, ByteBuffer dst) throws IOException {
        long seq = s.id;
        Long saved = null;
        if (!s.readOnly()) {
            saved = s.blocks.get(b);
            seq = s.baseId;
        }
        if (saved == null) {
            long c = state.index.ceiling(b, seq);
            saved = c == BlockIndex.NONE ? null : c;
        }
        VolumeState.RestoreStatus rs = state.restore;
        if (saved == null && rs != null && seq > rs.preId && !rs.done(b)) {
            // Taken during a restore: production was already the source's image there.
            readSnapshotInto(state.require(rs.sourceId), b, dst);
            return;
        }
        if (saved == null) {
            readCurrentInto(b, dst);
        } else {
            readSavedInto(saved, dst);
        }
    }

    /** One block of {@code dev} into {@code dst} at its position, advancing it (no slice for a one-block read). */
    private void readBlock(BlockDevice dev, long b, ByteBuffer dst) throws IOException {
        if (dst.remaining() == blockSize) {
            dev.read(b, dst);
        } else {
            dev.read(b, dst.slice(dst.position(), blockSize));
            dst.position(dst.position() + blockSize);
        }
    }
}
