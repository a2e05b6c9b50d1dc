package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The data path of a volume: reads and writes of production and of snapshot views, copy on
 * first write, the per-block step of the restore copy ({@link Restore} drives it), and the entry
 * to the flush ({@link WriteOrder} orders it; docs/format/volume.md, "Write ordering").
 *
 * <p>Locking: every data call holds the read side of {@link #admin}; snapshot create, delete,
 * refresh, restore start and a flush during a restore hold the write side (that is the
 * "freeze"); they first run a flush without it, so the freeze only flushes what was written
 * meanwhile. Flushes are serialised by {@link #flushLock}. Writes of the same block are
 * serialised by a striped lock; a read-only snapshot read takes none (it looks the mapping up
 * again after reading production: a mapping is published only after its saved copy is written
 * and before the block changes).
 *
 * <p>Ordering: new data for a block whose old content was just copied to the save volume is
 * <em>held</em> in memory (reads see it) until flush has made the save volume and the mapping
 * durable; only then is it written in place. So the overwrite can never reach the disk first.
 */
final class Engine {

    final BlockDevice data;
    final BlockDevice save;
    final MetaLog log;
    final VolumeState state;
    final SaveSpace space;
    final int blockSize;
    final ReentrantReadWriteLock admin = new ReentrantReadWriteLock();
    /** Serialises flushes; taken after {@link #admin} when both are held, never before it. */
    private final ReentrantLock flushLock = new ReentrantLock();
    /** Per-block locks: writes of one block, and reads that must not see a half-done copy. */
    final Stripes stripes = new Stripes();
    private final HeldWrites held;
    private final RangeWrite rangeWrite;
    /** The read paths of production and of snapshot views. */
    final ReadPath reads;
    private final WriteOrder order;
    private final long maxHeldBytes;
    private final long maxLogBytes;
    private volatile VolumeLifecycle lifecycle = VolumeLifecycle.OPEN;
    private volatile IOException failure;

    Engine(BlockDevice data, BlockDevice save, MetaLog log, VolumeState state, SaveSpace space, long maxHeldBytes) {
        this.data = data;
        this.save = save;
        this.log = log;
        this.state = state;
        this.space = space;
        this.blockSize = data.blockSize();
        this.maxHeldBytes = maxHeldBytes;
        this.held = new HeldWrites(blockSize, maxHeldBytes);
        this.order = new WriteOrder(data, save, log, state, space, held);
        this.rangeWrite = new RangeWrite(this, held);
        this.reads = new ReadPath(this, held);
        // A commit must fit in the log half next to a checkpoint: at most a quarter of the half.
        this.maxLogBytes = Math.min(maxHeldBytes / 8, log.header().halfBlocks() * MetaLog.LOG_BLOCK / 4);
    }

    // ---- lifecycle

    void ensureOpen() throws IOException {
        switch (lifecycle) {
            case OPEN -> { }
            case FAILED -> throw new IOException("volume failed earlier and must be reopened: " + failure.getMessage(),
                    failure);
            case CLOSED -> throw new IllegalStateException("volume is closed");
        }
    }

    boolean isOpen() {
        return lifecycle == VolumeLifecycle.OPEN;
    }

    IOException fail(IOException e) {
        if (lifecycle == VolumeLifecycle.OPEN) {
            failure = e;
            lifecycle = lifecycle.moveTo(VolumeLifecycle.FAILED);
            VolumeState.RestoreStatus rs = state.restore;
            if (rs != null) {
                rs.lifecycle = rs.lifecycle.moveTo(RestoreState.FAILED); // resumes at the next open
            }
        }
        return e;
    }

    void markClosed() {
        if (lifecycle != VolumeLifecycle.CLOSED) {
            lifecycle = lifecycle.moveTo(VolumeLifecycle.CLOSED);
        }
    }

    // ---- production

    void writeProduction(long block, ByteBuffer src) throws IOException {
        admin.readLock().lock();
        try {
            ensureOpen();
            if (state.liveRo.isEmpty() && state.restore == null && held.isEmpty()) {
                long blocks = src.remaining() / blockSize;
                data.write(block, src); // no snapshot can need the old content: straight through
                for (long b = block; b < block + blocks; b++) {
                    unfree(b);
                }
                return;
            }
            if (state.restore == null && held.isEmpty(HeldWrites.Stage.AFTER_MARK)) {
                rangeWrite.write(block, src);
            } else {
                eachBlock(block, src, this::writeProductionBlock);
            }
        } catch (IOException e) {
            throw fail(e);
        } finally {
            admin.readLock().unlock();
        }
        flushIfHeldTooMuch();
    }

    void declareFree(long block, long count) throws IOException {
        admin.readLock().lock();
        try {
            ensureOpen();
            Record f = new Record.Free(block, count, state.nextId - 1);
            log.append(f);
            state.apply(f, s -> { });
        } finally {
            admin.readLock().unlock();
        }
        flushIfHeldTooMuch();
    }

    private void writeProductionBlock(long b, byte[] y) throws IOException {
        VolumeState.RestoreStatus rs = state.restore;
        if (rs != null && !rs.done(b)) {
            // The user writes a block the restore has not reached: restore it first (so the
            // pre-restore snapshot keeps its copy), then hold the user's data until the mark
            // saying "done, do not copy again" is durable.
            putCurrent(b, reads.snapshotBlock(state.require(rs.sourceId), b));
            rs.marks.add(b);
            order.markRestored(b);
            held.hold(HeldWrites.Stage.AFTER_MARK, b, y);
            return;
        }
        putCurrent(b, y);
    }

    /** Replaces the current content of production block {@code b}, copying the old content first if a snapshot needs it. */
    private void putCurrent(long b, byte[] y) throws IOException {
        if (held.holds(HeldWrites.Stage.AFTER_MARK, b)) {
            held.hold(HeldWrites.Stage.AFTER_MARK, b, y);
            unfree(b);
            return;
        }
        boolean copied = copyOnWrite(b, y);
        unfree(b);
        if (copied || held.holds(HeldWrites.Stage.AFTER_META, b)) {
            held.hold(HeldWrites.Stage.AFTER_META, b, y);
        } else {
            data.write(b, ByteBuffer.wrap(y));
        }
    }

    /**
     * Saves what snapshots need before block {@code b} becomes {@code y}. Normally one copy: the
     * current content, for the newest snapshot reading it from production. While a restore has
     * not reached {@code b}, {@code y} is the source's content and two images meet there:
     * snapshots up to the pre-restore one see the old content on disk, snapshots taken during the
     * restore see the source's content ({@code y}); each group gets its copy.
     */
    private boolean copyOnWrite(long b, byte[] y) throws IOException {
        VolumeState.RestoreStatus rs = state.restore;
        if (rs != null && !rs.done(b)) {
            boolean old = saveFor(b, Long.MIN_VALUE, rs.preId, null);
            boolean restored = saveFor(b, rs.preId, Long.MAX_VALUE, y);
            return old || restored;
        }
        return saveFor(b, Long.MIN_VALUE, Long.MAX_VALUE, null);
    }

    /**
     * Saves {@code content} (null: the current content) of {@code b} for the newest live
     * read-only snapshot in {@code (after, upTo]} that reads it from production and needs it: not
     * one taken after the block was declared free.
     */
    private boolean saveFor(long b, long after, long upTo, byte[] content) throws IOException {
        long target = saveTarget(b, after, upTo);
        if (target < 0) {
            return false;
        }
        byte[] old = content != null ? content : reads.current(b);
        long s = allZero(old) ? VolumeState.ZERO : space.allocate();
        if (s != VolumeState.ZERO) {
            save.write(s, ByteBuffer.wrap(old));
        }
        logMap(target, b, s);
        return true;
    }

    /**
     * The snapshot that must keep the current content of {@code b} before it changes: the newest
     * live read-only one in {@code (after, upTo]} that reads it from production and needs it (not
     * one taken after the block was declared free); -1 if none.
     */
    long saveTarget(long b, long after, long upTo) {
        long latest = state.latestRo();
        if (latest < 0) {
            return -1;
        }
        long freedAt = state.free.epochOf(b);
        long limit = Math.min(freedAt >= 0 ? Math.min(freedAt, latest) : latest, upTo);
        Long target = state.liveRo.floor(limit);
        if (target == null || target <= Math.max(after, state.newestEntry(b))) {
            return -1;
        }
        return target;
    }

    /** Logs and applies: snapshot {@code seq} keeps block {@code b} at save block {@code s}. */
    void logMap(long seq, long b, long s) {
        Record r = new Record.Map(seq, b, s);
        log.append(r);
        state.apply(r, x -> { });
    }

    void unfree(long b) {
        if (state.free.use(b)) {
            log.append(new Record.Unfree(b));
        }
    }

    // ---- snapshots

    void writeWritable(Snapshot s, long block, ByteBuffer src) throws IOException {
        admin.readLock().lock();
        try {
            ensureOpen();
            ReadPath.checkLive(s);
            VolumeState.RestoreStatus rs = state.restore;
            if (rs != null && rs.sourceId == s.id) {
                throw new IOException("snapshot " + s.name + " is the source of a running restore; it is read-only "
                        + "until the restore completes");
            }
            try {
                eachBlock(block, src, (b, y) -> writeWritableBlock(s, b, y));
            } catch (IOException e) {
                throw fail(e);
            }
        } finally {
            admin.readLock().unlock();
        }
        flushIfHeldTooMuch();
    }

    private interface BlockWrite {
        void write(long block, byte[] data) throws IOException;
    }

    /** Hands each block of {@code src} to {@code op} under that block's stripe lock. */
    private void eachBlock(long block, ByteBuffer src, BlockWrite op) throws IOException {
        for (long b = block; src.hasRemaining(); b++) {
            byte[] y = new byte[blockSize];
            src.get(y);
            ReentrantLock l = stripes.of(b);
            l.lock();
            try {
                op.write(b, y);
            } finally {
                l.unlock();
            }
        }
    }

    private void writeWritableBlock(Snapshot s, long b, byte[] y) throws IOException {
        Long v = s.blocks.get(b);
        if (v != null) {
            save.write(v, ByteBuffer.wrap(y)); // its own block: overwrite in place like production
            return;
        }
        long fresh = space.allocate();
        save.write(fresh, ByteBuffer.wrap(y));
        Record r = new Record.WMap(s.id, b, fresh);
        log.append(r);
        state.apply(r, x -> { });
    }

    // ---- restore copy

    /** Copies block {@code c} from the restore source unless it is done, and moves the cursor past it. */
    void restoreCopy(VolumeState.RestoreStatus rs, Snapshot src, long c) throws IOException {
        ReentrantLock l = stripes.of(c);
        l.lock();
        try {
            if (!rs.done(c)) {
                putCurrent(c, reads.snapshotBlock(src, c));
            }
            rs.cursor = c + 1;
        } finally {
            l.unlock();
        }
    }

    // ---- flush

    /**
     * Makes everything written before the call durable. Without a restore the I/O runs with
     * writers going on (no freeze: {@link WriteOrder#flushData()}); a restore's progress and a
     * due checkpoint need the volume frozen, so those flushes take the write side of
     * {@link #admin}, as they always did.
     */
    void flush() throws IOException {
        if (state.restore == null) {
            flushLock.lock();
            try {
                ensureOpen();
                order.flushData();
            } catch (IOException e) {
                throw fail(e);
            } finally {
                flushLock.unlock();
            }
            if (state.restore == null && !order.checkpointDue()) {
                return;
            }
        }
        admin.writeLock().lock();
        try {
            ensureOpen();
            flushLocked();
        } catch (IOException e) {
            throw fail(e);
        } finally {
            admin.writeLock().unlock();
        }
    }

    /** Runs the write ordering of a flush; caller holds the write side of {@link #admin}. */
    void flushLocked() throws IOException {
        flushLock.lock();
        try {
            order.flush();
        } finally {
            flushLock.unlock();
        }
    }

    /** Flushes, then writes a checkpoint now (tests use it to cut power inside a checkpoint). */
    void checkpoint() throws IOException {
        admin.writeLock().lock();
        flushLock.lock();
        try {
            ensureOpen();
            order.flush();
            log.checkpoint(state.toRecords());
        } catch (IOException e) {
            throw fail(e);
        } finally {
            flushLock.unlock();
            admin.writeLock().unlock();
        }
    }

    /** Lets a test act at the points of every flush (see {@link WriteOrder.FlushObserver}). */
    void observeFlushes(WriteOrder.FlushObserver observer) {
        order.observer = observer;
    }

    boolean heldTooMuch() {
        return held.bytes() > maxHeldBytes || log.bufferedBytes() > maxLogBytes;
    }

    private void flushIfHeldTooMuch() throws IOException {
        // Not from inside a flush (a test's observer writing): flushes never nest.
        if (heldTooMuch() && !flushLock.isHeldByCurrentThread()) {
            flush();
        }
    }

    long heldBytes() {
        return held.bytes();
    }



    private static boolean allZero(byte[] a) {
        for (byte x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
