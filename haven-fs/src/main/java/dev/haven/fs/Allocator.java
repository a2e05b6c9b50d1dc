package dev.haven.fs;

import dev.haven.block.BlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The free-space map: one bit per file-system block. Blocks freed in the running transaction stay
 * marked used (in {@link #pending}) until the commit that frees them is durable, so the last
 * committed tree is never overwritten. The on-disk image of a commit is {@code used & ~pending}.
 * Not thread-safe: the caller holds the metadata write lock.
 */
final class Allocator {
    /** Bitmap block layout: {@link BlockHeader}, then bits from this offset. */
    static final int BITS_OFFSET = 32;
    /** A data run this long (1 MiB of 4 KiB blocks), or as long as asked, is taken at once. */
    private static final long GOOD_RUN = 256;
    /** How many short free runs a data allocation looks at before it takes the longest of them. */
    private static final int RUNS_LOOKED_AT = 4096;

    private final BitSet used = new BitSet();
    private final BitSet pending = new BitSet();
    private final BitSet reserved = new BitSet();
    private final long total;
    private final int bitsPerBlock;
    private BitSet dirtyNow = new BitSet();
    private BitSet dirtyPrev = new BitSet();
    private long usedCount;
    private long pendingCount;
    private long reservedCount;
    /** The first block of the data region (metadata goes below it while there is room). */
    private long dataStart;
    private long dataCursor;
    private long metaCursor;
    /** Asks the device whether rewriting a block now costs it a copy ({@link BlockDevice#copiesOnRewrite}). */
    private final BooleanSupplier rewritesCopy;

    /** A map of {@code total} blocks of {@code blockSize} bytes, for a device that never copies on rewrite. */
    Allocator(long total, int blockSize) {
        this(total, blockSize, () -> false);
    }

    Allocator(long total, int blockSize, BooleanSupplier rewritesCopy) {
        this.total = total;
        this.bitsPerBlock = (blockSize - BITS_OFFSET) * 8;
        this.rewritesCopy = rewritesCopy;
    }

    static long bitmapBlocks(long total, int blockSize) {
        long per = (blockSize - BITS_OFFSET) * 8L;
        return (total + per - 1) / per;
    }

    long total() {
        return total;
    }

    /** Blocks in use as of the running transaction (pending frees count as used). */
    long used() {
        return usedCount;
    }

    long free() {
        return total - usedCount;
    }

    /** Blocks in use in the image the next commit writes (pending frees and reservations excluded). */
    long committedUsed() {
        return usedCount - pendingCount - reservedCount;
    }

    /**
     * Marks freshly allocated blocks as reserved: in use in memory, but free in any commit image
     * until {@link #unreserve} (the extent that references them is in the tree) or {@link #release}.
     */
    void reserve(Extent e) {
        reserved.set((int) e.start(), (int) e.end());
        reservedCount += e.length();
    }

    void unreserve(Extent e) {
        reserved.clear((int) e.start(), (int) e.end());
        reservedCount -= e.length();
        markDirty(e.start(), e.length());
    }

    /** Gives reserved blocks back at once (their write did not complete). */
    void release(Extent e) {
        unreserve(e);
        used.clear((int) e.start(), (int) e.end());
        usedCount -= e.length();
    }

    /** Blocks a commit will return to the free pool. */
    long pendingFrees() {
        return pendingCount;
    }

    boolean isUsed(long block) {
        return used.get((int) block);
    }

    void setCursors(long start) {
        dataStart = start + (total - start) / 16;
        dataCursor = dataStart;
        metaCursor = start;
    }

    void markUsed(long start, long length) {
        for (long b = start; b < start + length; b++) {
            if (!used.get((int) b)) {
                used.set((int) b);
                usedCount++;
            }
        }
        markDirty(start, length);
    }

    /**
     * Up to {@code want} contiguous free blocks: at {@code hint} if free, else the next free run
     * after it. Without a hint, metadata takes the next free run after the last metadata
     * allocation. Data takes the lowest free run of the data region that is long enough
     * ({@link #dataRun}), so blocks freed by deletes and overwrites are used again before fresh
     * ones: the host file backing the volume stays as small as the live data, and rewritten blocks
     * are often still in the host's page cache (writing a fresh hole of a sparse file costs the
     * host an allocation and a new page). While the device would copy a rewritten block (a
     * snapshot holds blocks freed since it was taken), data goes on from the last data
     * allocation instead, into blocks freed longest ago or never used.
     */
    Extent allocate(long want, long hint, boolean meta) throws FsException {
        long s;
        if (hint >= 0 && hint < total) {
            s = used.nextClearBit((int) hint);
        } else if (meta) {
            s = used.nextClearBit((int) metaCursor);
        } else if (rewritesCopy.getAsBoolean()) {
            s = used.nextClearBit((int) dataCursor);
        } else {
            s = dataRun(Math.min(want, GOOD_RUN));
        }
        if (s >= total) {
            s = used.nextClearBit((int) metaCursorFloor());
            if (s >= total) {
                throw new FsException(FsError.NO_SPACE, "no free block");
            }
        }
        long e = Math.min(total, used.nextSetBit((int) s) < 0 ? total : used.nextSetBit((int) s));
        long len = Math.min(want, e - s);
        used.set((int) s, (int) (s + len));
        usedCount += len;
        markDirty(s, len);
        if (meta) {
            metaCursor = s + len;
        } else {
            dataCursor = s + len;
        }
        return new Extent(s, len);
    }

    /**
     * The start of the lowest free run in the data region at least {@code good} blocks long; when
     * the first {@link #RUNS_LOOKED_AT} free runs are all shorter, the longest of them (a nearly
     * full, fragmented volume); {@link #total} when the data region has no free block.
     */
    private long dataRun(long good) {
        long best = total;
        long bestLength = 0;
        int looked = 0;
        for (long s = used.nextClearBit((int) dataStart); s < total && looked < RUNS_LOOKED_AT; looked++) {
            int next = used.nextSetBit((int) s);
            long e = next < 0 ? total : next;
            if (e - s >= good) {
                return s;
            }
            if (e - s > bestLength) {
                best = s;
                bestLength = e - s;
            }
            s = e >= total ? total : used.nextClearBit((int) e);
        }
        return best;
    }

    private long metaCursorFloor() {
        return used.nextClearBit(0);
    }

    /** Frees a run; the blocks become allocatable after the next commit. */
    void free(long start, long length) {
        pending.set((int) start, (int) (start + length));
        pendingCount += length;
        markDirty(start, length);
    }

    /** After a durable commit: returns the pending frees (to declare to the device) and releases them. */
    List<Extent> commitFrees() {
        List<Extent> out = new ArrayList<>();
        for (int s = pending.nextSetBit(0); s >= 0; ) {
            int e = pending.nextClearBit(s);
            out.add(new Extent(s, e - s));
            s = pending.nextSetBit(e);
        }
        used.andNot(pending);
        usedCount -= pendingCount;
        pending.clear();
        pendingCount = 0;
        dirtyPrev = dirtyNow;
        dirtyNow = new BitSet();
        return out;
    }

    /** The runs of free blocks (for telling the device what it need not keep). */
    List<Extent> freeRuns() {
        List<Extent> out = new ArrayList<>();
        for (int s = used.nextClearBit(0); s < total; ) {
            int e = (int) Math.min(total, used.nextSetBit(s) < 0 ? total : used.nextSetBit(s));
            out.add(new Extent(s, e - s));
            s = used.nextClearBit(e);
        }
        return out;
    }

    /** Makes the next commit write every bitmap block (after mount the other region is unknown). */
    void markAllDirty() {
        dirtyPrev.set(0, (int) bitmapBlocks(total, bitsPerBlock / 8 + BITS_OFFSET));
    }

    private void markDirty(long start, long length) {
        if (length > 0) {
            dirtyNow.set((int) (start / bitsPerBlock), (int) ((start + length - 1) / bitsPerBlock) + 1);
        }
    }

    /** Indices of the bitmap blocks the next commit must write (changed in this or the previous commit). */
    BitSet blocksToWrite() {
        BitSet b = (BitSet) dirtyNow.clone();
        b.or(dirtyPrev);
        return b;
    }

    /** Fills the body of bitmap block {@code index} with the commit image. */
    void encode(int index, ByteBuffer blk) {
        long first = (long) index * bitsPerBlock;
        int n = (int) Math.min(bitsPerBlock, total - first);
        BitSet image = used.get((int) first, (int) first + n);
        image.andNot(pending.get((int) first, (int) first + n));
        image.andNot(reserved.get((int) first, (int) first + n));
        byte[] bytes = image.toByteArray();
        blk.put(BITS_OFFSET, bytes);
    }

    /** Loads bitmap block {@code index} from its on-disk body. */
    void decode(int index, ByteBuffer blk) {
        long first = (long) index * bitsPerBlock;
        int n = (int) Math.min(bitsPerBlock, total - first);
        byte[] bytes = new byte[(n + 7) / 8];
        blk.get(BITS_OFFSET, bytes);
        BitSet part = BitSet.valueOf(bytes);
        for (int i = part.nextSetBit(0); i >= 0 && i < n; i = part.nextSetBit(i + 1)) {
            used.set((int) first + i);
            usedCount++;
        }
    }
}
