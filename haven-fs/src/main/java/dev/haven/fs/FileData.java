package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * File contents: extent mapping, reads, writes and truncation.
 *
 * <p>Guarantees: data goes to the device before the commit that points at it (the commit flushes
 * before its superblock). Blocks allocated by a write are new blocks; a write into blocks that a
 * file already owns overwrites them in place, so after a crash an overwrite that was not flushed
 * may be partly there (as on ext4 or NTFS); sizes, extents and names are always those of one
 * commit. Bytes past end-of-file inside the last block are zeroed when the file is extended, not
 * when it is shrunk, so an uncommitted truncate never damages committed data.
 */
final class FileData {
    /** Largest file size: 1 PiB. */
    static final long MAX_SIZE = 1L << 50;
    /** Largest single device transfer: big enough to stream, small enough to buffer. */
    static final int MAX_TRANSFER = 8 << 20;

    private static final byte[] ZEROS = new byte[65_536];

    private final Meta meta;
    private final int bs;

    FileData(Meta meta) {
        this.meta = meta;
        this.bs = meta.disk.blockSize;
    }

    static byte[] encodeExtent(Extent e) {
        return ByteBuffer.allocate(16).putLong(e.start()).putLong(e.length()).array();
    }

    static Extent decodeExtent(long ino, byte[] v) throws FsException {
        if (v.length != 16) {
            throw new FsException(FsError.CORRUPT, "inode " + ino + ": bad extent item");
        }
        ByteBuffer b = ByteBuffer.wrap(v);
        return new Extent(b.getLong(), b.getLong());
    }

    /** The runs covering file blocks {@code [first, end)}, holes included. */
    List<Run> map(long ino, long first, long end) throws FsException {
        List<Run> runs = new ArrayList<>();
        long[] pos = {first};
        Item f = meta.tree.floor(Key.of(ino, ItemType.EXTENT, first));
        if (f != null && f.key().id() == ino && f.key().type() == ItemType.EXTENT.code) {
            addMapped(runs, pos, f, ino, end);
        }
        if (pos[0] < end) {
            meta.tree.scan(Key.of(ino, ItemType.EXTENT, pos[0]), it -> {
                if (it.key().id() != ino || it.key().type() != ItemType.EXTENT.code || it.key().offset() >= end) {
                    return false;
                }
                addMapped(runs, pos, it, ino, end);
                return pos[0] < end;
            });
        }
        if (pos[0] < end) {
            runs.add(new Run(pos[0], -1, end - pos[0], false));
        }
        return runs;
    }

    private static void addMapped(List<Run> runs, long[] pos, Item it, long ino, long end) throws FsException {
        Extent e = decodeExtent(ino, it.value());
        long fb = it.key().offset();
        long eEnd = fb + e.length();
        if (eEnd <= pos[0]) {
            return;
        }
        if (fb > pos[0]) {
            runs.add(new Run(pos[0], -1, fb - pos[0], false));
            pos[0] = fb;
        }
        long stop = Math.min(end, eEnd);
        runs.add(new Run(pos[0], e.start() + (pos[0] - fb), stop - pos[0], false));
        pos[0] = stop;
    }

    private long maxRun() {
        return MAX_TRANSFER / bs;
    }

    private List<Run> pieces(List<Run> runs) {
        List<Run> out = new ArrayList<>();
        for (Run r : runs) {
            out.addAll(r.pieces(maxRun()));
        }
        return out;
    }

    static boolean hasHoles(List<Run> runs) {
        return runs.stream().anyMatch(Run::hole);
    }

    static long holeBlocks(List<Run> runs) {
        return runs.stream().filter(Run::hole).mapToLong(Run::length).sum();
    }

    /** Reads up to {@code dst.remaining()} bytes at {@code off}; returns bytes read (0 at or past EOF). */
    int read(Inode i, long off, ByteBuffer dst) throws FsException {
        if (off >= i.size() || !dst.hasRemaining()) {
            return 0;
        }
        int n = (int) Math.min(dst.remaining(), i.size() - off);
        long end = off + n;
        int base = dst.position();
        for (Run r : pieces(map(i.id(), off / bs, (end + bs - 1) / bs))) {
            long from = Math.max(off, r.fileBlock() * bs);
            long to = Math.min(end, r.end() * bs);
            ByteBuffer part = dst.slice(base + (int) (from - off), (int) (to - from));
            if (r.hole()) {
                while (part.hasRemaining()) {
                    part.put(ZEROS, 0, Math.min(ZEROS.length, part.remaining()));
                }
                continue;
            }
            long dev = r.device() + (from / bs - r.fileBlock());
            if (from % bs == 0 && (to - from) % bs == 0) {
                meta.disk.read(dev, part);
            } else {
                long blocks = (to - 1) / bs - from / bs + 1;
                ByteBuffer tmp = ByteBuffer.allocate((int) (blocks * bs));
                meta.disk.read(dev, tmp);
                part.put(tmp.array(), (int) (from % bs), (int) (to - from));
            }
        }
        dst.position(base + n);
        return n;
    }

    /**
     * Gives every hole in {@code runs} new, reserved blocks; returns the runs without holes. The
     * caller writes the data, then {@link #insertExtents} (or {@link #release} if that failed).
     */
    List<Run> allocate(long ino, List<Run> runs) throws FsException {
        List<Run> out = new ArrayList<>();
        long hint = -1;
        for (Run r : runs) {
            if (!r.hole()) {
                out.add(r);
                hint = r.device() + r.length();
                continue;
            }
            long fb = r.fileBlock();
            if (hint < 0) {
                Item prev = meta.tree.floor(Key.of(ino, ItemType.EXTENT, fb));
                if (prev != null && prev.key().id() == ino && prev.key().type() == ItemType.EXTENT.code) {
                    hint = decodeExtent(ino, prev.value()).start() + (fb - prev.key().offset());
                }
            }
            while (fb < r.end()) {
                Extent e = meta.alloc.allocate(r.end() - fb, hint, false);
                meta.alloc.reserve(e);
                out.add(new Run(fb, e.start(), e.length(), true));
                fb += e.length();
                hint = e.end();
            }
        }
        return out;
    }

    /** Records the fresh runs as extents of {@code ino}; their blocks stop being reserved. */
    void insertExtents(long ino, List<Run> runs) throws FsException {
        for (Run r : runs) {
            if (r.fresh()) {
                Extent e = new Extent(r.device(), r.length());
                insertExtent(ino, r.fileBlock(), e);
                meta.alloc.unreserve(e);
            }
        }
    }

    /** Returns the fresh blocks of a write that did not complete. */
    void release(List<Run> runs) {
        for (Run r : runs) {
            if (r.fresh()) {
                meta.alloc.release(new Extent(r.device(), r.length()));
            }
        }
    }

    static long freshBlocks(List<Run> runs) {
        return runs.stream().filter(Run::fresh).mapToLong(Run::length).sum();
    }

    /** The inode after a write that ended at {@code end} and allocated {@code newBlocks}. */
    Inode grown(Inode i, long end, long newBlocks) {
        return i.withSize(Math.max(i.size(), end), i.allocationSize() + newBlocks * bs).modified(meta.now());
    }

    private void insertExtent(long ino, long fb, Extent e) throws FsException {
        Item prev = fb == 0 ? null : meta.tree.floor(Key.of(ino, ItemType.EXTENT, fb - 1));
        if (prev != null && prev.key().id() == ino && prev.key().type() == ItemType.EXTENT.code) {
            Extent p = decodeExtent(ino, prev.value());
            if (prev.key().offset() + p.length() == fb && p.end() == e.start()) {
                meta.tree.put(prev.key(), encodeExtent(new Extent(p.start(), p.length() + e.length())));
                return;
            }
        }
        meta.tree.put(Key.of(ino, ItemType.EXTENT, fb), encodeExtent(e));
    }

    /**
     * Writes {@code src} at {@code off} into {@code runs} (no holes), zeroing what lies between the
     * old end of file and the data; the caller records the new size ({@link #grown}).
     */
    void write(Inode i, long off, ByteBuffer src, List<Run> runs) throws FsException {
        long oldSize = i.size();
        int n = src.remaining();
        long end = off + n;
        if (off > oldSize && oldSize % bs != 0 && oldSize / bs < off / bs) {
            zeroTail(i.id(), oldSize);
        }
        int base = src.position();
        for (Run r : pieces(runs)) {
            long from = Math.max(off, r.fileBlock() * bs);
            long to = Math.min(end, r.end() * bs);
            long firstBlock = from / bs;
            long blocks = (to - 1) / bs - firstBlock + 1;
            long dev = r.device() + (firstBlock - r.fileBlock());
            if (from % bs == 0 && (to - from) % bs == 0) {
                meta.disk.write(dev, src.slice(base + (int) (from - off), (int) (to - from))); // whole blocks: no copy
                continue;
            }
            ByteBuffer buf = ByteBuffer.allocate((int) (blocks * bs));
            if (!r.fresh() && from % bs != 0) {
                meta.disk.read(dev, buf.slice(0, bs));
            }
            if (!r.fresh() && to % bs != 0 && (blocks > 1 || from % bs == 0)) {
                meta.disk.read(dev + blocks - 1, buf.slice((int) ((blocks - 1) * bs), bs));
            }
            long bufStart = firstBlock * bs;
            long zeroFrom = Math.max(oldSize, bufStart);
            if (zeroFrom < bufStart + buf.capacity()) {
                Arrays.fill(buf.array(), (int) (zeroFrom - bufStart), buf.capacity(), (byte) 0);
            }
            buf.put((int) (from - bufStart), src, base + (int) (from - off), (int) (to - from));
            meta.disk.write(dev, buf.clear());
        }
        src.position(base + n);
    }

    /** Zeros the bytes after {@code size} in its block, if that block is allocated. */
    void zeroTail(long ino, long size) throws FsException {
        if (size % bs == 0) {
            return;
        }
        List<Run> r = map(ino, size / bs, size / bs + 1);
        if (r.get(0).hole()) {
            return;
        }
        ByteBuffer blk = meta.disk.readBlock(r.get(0).device());
        Arrays.fill(blk.array(), (int) (size % bs), bs, (byte) 0);
        meta.disk.write(r.get(0).device(), blk);
    }

    /** Sets the size, freeing blocks past the new end; returns the updated inode. */
    Inode truncate(Inode i, long size) throws FsException {
        long now = meta.now();
        if (size > i.size()) {
            zeroTail(i.id(), i.size());
            return i.withSize(size, i.allocationSize()).modified(now);
        }
        long freed = freeFrom(i.id(), (size + bs - 1) / bs);
        return i.withSize(size, i.allocationSize() - freed * bs).modified(now);
    }

    /** Frees every block at or after file block {@code keep}; returns how many. */
    long freeFrom(long ino, long keep) throws FsException {
        List<Item> items = new ArrayList<>();
        Item f = meta.tree.floor(Key.of(ino, ItemType.EXTENT, keep));
        if (f != null && f.key().id() == ino && f.key().type() == ItemType.EXTENT.code) {
            items.add(f);
        }
        meta.tree.scan(Key.of(ino, ItemType.EXTENT, keep), it -> {
            if (it.key().id() != ino || it.key().type() != ItemType.EXTENT.code) {
                return false;
            }
            if (!it.key().equals(f == null ? null : f.key())) {
                items.add(it);
            }
            return true;
        });
        long freed = 0;
        for (Item it : items) {
            Extent e = decodeExtent(ino, it.value());
            long fb = it.key().offset();
            if (fb + e.length() <= keep) {
                continue;
            }
            long cut = fb >= keep ? e.length() : fb + e.length() - keep;
            if (cut == e.length()) {
                meta.tree.delete(it.key());
            } else {
                meta.tree.put(it.key(), encodeExtent(new Extent(e.start(), e.length() - cut)));
            }
            meta.alloc.free(e.end() - cut, cut);
            freed += cut;
        }
        return freed;
    }
}
