package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The free-space map: one bit per file-system block. Blocks freed in the running transaction stay
 * marked used (in {@link #pending}) until the commit that frees them is durable, so the last
 * committed tree is never overwritten. The on-disk image of a commit is {@code used & ~pending}.
 * Not thread-safe: the caller holds the metadata write lock.
 */
final class Allocator {
    /** Bitmap block layout: {@link BlockHeader}, then bits from this offset. */
    static final int BITS_OFFSET = 32;

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
    private long dataCursor;
    private long metaCursor;

    Allocator(long total, int blockSize) {
        this.total = total;
        this.bitsPerBlock = (blockSize - BITS_OFFSET) * 8;
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
        dataCursor = start + (total - start) / 16;
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

    /** Up to {@code want} contiguous free blocks, at {@code hint} if free, else the next free run. */
    Extent allocate(long want, long hint, boolean meta) throws FsException {
        long from = hint >= 0 && hint < total ? hint : (meta ? metaCursor : dataCursor);
        long s = used.nextClearBit((int) from);
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
