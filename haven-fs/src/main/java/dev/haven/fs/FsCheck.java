package dev.haven.fs;

import dev.haven.block.BlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file-system checker: reads the newest committed state and verifies every invariant —
 * checksums and structure of all metadata blocks, tree key order, allocation against references
 * (no leaked and no doubly used block), directory entries, link counts, reachability, extents and
 * the counters in the superblock. It only reads.
 */
public final class FsCheck {
    private static final int MAX_PROBLEMS = 1000;

    private final Disk disk;
    private final List<String> problems = new ArrayList<>();
    private final BitSet referenced = new BitSet();
    private final TreeMap<Key, byte[]> items = new TreeMap<>();
    private Superblock sb;

    private FsCheck(BlockDevice device) {
        this.disk = new Disk(device);
    }

    /** Checks the file system on {@code device}. */
    public static FsckReport check(BlockDevice device) {
        FsCheck c = new FsCheck(device);
        c.run();
        return new FsckReport(List.copyOf(c.problems), c.sb == null ? 0 : c.sb.seq(), c.sb != null && c.sb.clean(),
                c.sb == null ? 0 : c.sb.inodes(), c.sb == null ? 0 : c.sb.usedBlocks());
    }

    void problem(String p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        }
    }

    private void run() {
        try {
            sb = Meta.newestSuperblock(disk);
        } catch (FsException e) {
            problem(e.getMessage());
            return;
        }
        claim(0, sb.dataStart(), "superblocks and bitmaps");
        Allocator marked = readBitmap();
        walk(sb.root(), -1, null, null);
        if (marked == null) {
            return;
        }
        new FsCheckItems(this, sb, items, disk.blockSize).check();
        for (long b = 0; b < sb.blockCount(); b++) {
            boolean m = marked.isUsed(b);
            if (m != referenced.get((int) b)) {
                problem("block " + b + (m ? " is marked used but nothing references it (leaked)"
                        : " is referenced but marked free"));
            }
        }
        if (marked.used() != sb.usedBlocks()) {
            problem("superblock counts " + sb.usedBlocks() + " used blocks; bitmap has " + marked.used());
        }
    }

    private Allocator readBitmap() {
        Allocator a = new Allocator(sb.blockCount(), disk.blockSize);
        for (int i = 0; i < sb.bitmapBlocks(); i++) {
            long block = sb.bitmapBlock(sb.seq(), i);
            try {
                ByteBuffer blk = disk.readBlock(block);
                BlockHeader.check(blk, BlockHeader.BITMAP_MAGIC, block, "allocation bitmap");
                a.decode(i, blk);
            } catch (FsException e) {
                problem(e.getMessage());
                return null;
            }
        }
        return a;
    }

    /** Marks {@code [start, start + length)} referenced, reporting overlaps and out-of-range blocks. */
    void claim(long start, long length, String what) {
        if (length <= 0 || start < 0 || start + length > sb.blockCount()) {
            problem(what + ": blocks [" + start + ", " + (start + length) + ") outside the file system");
            return;
        }
        for (long b = start; b < start + length; b++) {
            if (referenced.get((int) b)) {
                problem("block " + b + " is used twice (" + what + ")");
            }
        }
        referenced.set((int) start, (int) (start + length));
    }

    private void walk(long block, int level, Key lo, Key hi) {
        claim(block, 1, "tree node");
        Node n;
        try {
            n = NodeCodec.decode(disk.readBlock(block), block);
        } catch (FsException e) {
            problem(e.getMessage());
            return;
        }
        if (level >= 0 && n.level() != level) {
            problem("metadata block " + block + ": level " + n.level() + " where " + level + " expected");
        }
        if (n.size() > 0 && ((lo != null && n.keys.get(0).isBefore(lo)) || (hi != null && !n.keys.get(n.size() - 1).isBefore(hi)))) {
            problem("metadata block " + block + ": keys outside the range its parent gives");
        }
        if (n instanceof Leaf leaf) {
            for (int i = 0; i < leaf.size(); i++) {
                items.put(leaf.keys.get(i), leaf.values.get(i));
            }
            return;
        }
        Branch b = (Branch) n;
        for (int i = 0; i < b.size(); i++) {
            walk(b.childBlocks.get(i), n.level() - 1, b.keys.get(i), i + 1 < b.size() ? b.keys.get(i + 1) : hi);
        }
    }

    static Map<Long, List<Map.Entry<Key, byte[]>>> byInode(TreeMap<Key, byte[]> items, ItemType type) {
        Map<Long, List<Map.Entry<Key, byte[]>>> out = new TreeMap<>();
        for (Map.Entry<Key, byte[]> e : items.entrySet()) {
            if (e.getKey().type() == type.code) {
                out.computeIfAbsent(e.getKey().id(), k -> new ArrayList<>()).add(e);
            }
        }
        return out;
    }
}
