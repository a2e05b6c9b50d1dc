package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Holes in files: which byte ranges have blocks ({@link #allocated}) and punching a hole into a
 * range ({@link #punch}). A punch frees the whole blocks inside the range (they become
 * allocatable after the next commit, like a truncate's) and zeroes the covered bytes of the
 * partly covered blocks at its edges in place; so afterwards the range reads as zeros, and the
 * change is as crash-safe as a truncate (extents) plus an overwrite (the edges). No format
 * change: a hole is a range without extents, as a file extended by truncate has.
 */
final class FileHoles {
    private final Meta meta;
    private final FileData data;
    private final int bs;

    FileHoles(Meta meta, FileData data) {
        this.meta = meta;
        this.data = data;
        this.bs = meta.disk.blockSize;
    }

    /**
     * The allocated parts of {@code [offset, offset + length)} below end of file, adjacent blocks
     * merged, in order. Block-granular, clipped to the range and to the size.
     */
    List<ByteRange> allocated(Inode i, long offset, long length) throws FsException {
        long end = Math.min(i.size(), offset + length);
        List<ByteRange> out = new ArrayList<>();
        if (offset >= end) {
            return out;
        }
        for (Run r : data.map(i.id(), offset / bs, (end + bs - 1) / bs)) {
            if (r.hole()) {
                continue;
            }
            long from = Math.max(offset, r.fileBlock() * bs);
            long to = Math.min(end, r.end() * bs);
            ByteRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && last.end() == from) {
                out.set(out.size() - 1, new ByteRange(last.offset(), to - last.offset()));
            } else {
                out.add(new ByteRange(from, to - from));
            }
        }
        return out;
    }

    /** Punches {@code [offset, offset + length)} (clipped to the size); returns the updated inode. */
    Inode punch(Inode i, long offset, long length) throws FsException {
        long end = Math.min(i.size(), offset + length);
        if (offset >= end) {
            return i;
        }
        long firstWhole = (offset + bs - 1) / bs;
        long endWhole = end / bs;
        if (firstWhole >= endWhole) { // inside one block, or straddling two without a whole one
            zero(i.id(), offset, Math.min(end, (offset / bs + 1) * bs));
            zero(i.id(), Math.max(offset, end / bs * bs), end);
            return i.modified(meta.now());
        }
        zero(i.id(), offset, firstWhole * bs);
        zero(i.id(), endWhole * bs, end);
        long freed = free(i.id(), firstWhole, endWhole);
        return i.withSize(i.size(), i.allocationSize() - freed * bs).modified(meta.now());
    }

    /** Zeroes {@code [from, to)}, which lies in one block, if that block is allocated. */
    private void zero(long ino, long from, long to) throws FsException {
        if (from >= to) {
            return;
        }
        Run r = data.map(ino, from / bs, from / bs + 1).get(0);
        if (r.hole()) {
            return;
        }
        ByteBuffer blk = meta.disk.readBlock(r.device());
        Arrays.fill(blk.array(), (int) (from % bs), (int) (from % bs + (to - from)), (byte) 0);
        meta.disk.write(r.device(), blk.clear());
    }

    /** Frees file blocks {@code [first, end)}, splitting extents that reach outside; returns how many. */
    private long free(long ino, long first, long end) throws FsException {
        long freed = 0;
        for (Run r : data.map(ino, first, end)) {
            if (r.hole()) {
                continue;
            }
            // Each mapped run is a piece of exactly one extent: the one at or before its first block.
            Item it = meta.tree.floor(Key.of(ino, ItemType.EXTENT, r.fileBlock()));
            Extent e = FileData.decodeExtent(ino, it.value());
            long fb = it.key().offset();
            meta.tree.delete(it.key());
            if (r.fileBlock() > fb) {
                meta.tree.put(it.key(), FileData.encodeExtent(new Extent(e.start(), r.fileBlock() - fb)));
            }
            if (r.end() < fb + e.length()) {
                meta.tree.put(Key.of(ino, ItemType.EXTENT, r.end()),
                        FileData.encodeExtent(new Extent(e.start() + (r.end() - fb), fb + e.length() - r.end())));
            }
            meta.alloc.free(r.device(), r.length());
            freed += r.length();
        }
        return freed;
    }
}
