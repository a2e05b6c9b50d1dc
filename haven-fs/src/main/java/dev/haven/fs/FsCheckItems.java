package dev.haven.fs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** The item-level half of {@link FsCheck}: inodes, directories, link counts, extents and blobs. */
final class FsCheckItems {
    private final FsCheck check;
    private final Superblock sb;
    private final TreeMap<Key, byte[]> items;
    private final int bs;
    private final Names names;
    private final Map<Long, Inode> inodes = new TreeMap<>();
    private final Map<Long, Integer> refs = new HashMap<>();
    private final Map<Long, Integer> subdirs = new HashMap<>();

    FsCheckItems(FsCheck check, Superblock sb, TreeMap<Key, byte[]> items, int bs) {
        this.check = check;
        this.sb = sb;
        this.items = items;
        this.bs = bs;
        this.names = new Names(sb.caseInsensitive(), sb.fsId());
    }

    void check() {
        for (Map.Entry<Key, byte[]> e : items.entrySet()) {
            Key k = e.getKey();
            if (k.type() == ItemType.INODE.code) {
                try {
                    inodes.put(k.id(), Inode.decode(k.id(), e.getValue()));
                } catch (FsException ex) {
                    check.problem(ex.getMessage());
                }
            } else if (k.type() < ItemType.INODE.code || k.type() > ItemType.SYMLINK.code) {
                check.problem("item " + k + " has an unknown type");
            }
        }
        for (Key k : items.keySet()) {
            if (!inodes.containsKey(k.id())) {
                check.problem("item " + k + " belongs to no inode");
            }
        }
        Inode root = inodes.get(Meta.ROOT);
        if (root == null || !root.isDirectory() || root.parent() != Meta.ROOT) {
            check.problem("root directory (inode 1) is missing or malformed");
        }
        if (inodes.size() != sb.inodes()) {
            check.problem("superblock counts " + sb.inodes() + " inodes; tree holds " + inodes.size());
        }
        FsCheck.byInode(items, ItemType.DIRENT).forEach(this::checkDirectory);
        inodes.values().forEach(this::checkInode);
        FsCheck.byInode(items, ItemType.EXTENT).forEach(this::checkExtents);
        FsCheck.byInode(items, ItemType.SYMLINK).forEach((id, chunks) -> checkChunks(id, chunks, "symlink"));
        FsCheck.byInode(items, ItemType.XATTR).forEach((id, chunks) -> checkChunks(id, chunks, "xattr"));
    }

    private void checkDirectory(long dir, List<Map.Entry<Key, byte[]>> buckets) {
        Inode d = inodes.get(dir);
        if (d == null) {
            return;
        }
        if (!d.isDirectory()) {
            check.problem("inode " + dir + " has directory entries but is a " + d.type());
            return;
        }
        long count = 0;
        for (Map.Entry<Key, byte[]> b : buckets) {
            try {
                Set<String> seen = new HashSet<>();
                for (DirBucket.Entry e : DirBucket.decode(dir, b.getValue()).entries()) {
                    count++;
                    checkEntry(dir, b.getKey().offset(), e, seen);
                }
            } catch (FsException ex) {
                check.problem(ex.getMessage());
            }
        }
        if (d.size() != count) {
            check.problem("directory " + dir + " says " + d.size() + " entries; has " + count);
        }
    }

    private void checkEntry(long dir, long hash, DirBucket.Entry e, Set<String> seen) {
        try {
            Names.validate(e.name());
        } catch (FsException ex) {
            check.problem("directory " + dir + ": invalid name '" + e.name() + "'");
        }
        if (names.hash(e.name()) != hash) {
            check.problem("directory " + dir + ": '" + e.name() + "' is in the wrong hash bucket");
        }
        if (!seen.add(names.fold(e.name()))) {
            check.problem("directory " + dir + ": name '" + e.name() + "' appears twice");
        }
        Inode child = inodes.get(e.inode());
        if (child == null) {
            check.problem("directory " + dir + ": '" + e.name() + "' points to missing inode " + e.inode());
            return;
        }
        if (child.type() != e.type()) {
            check.problem("directory " + dir + ": '" + e.name() + "' says " + e.type() + " but inode is " + child.type());
        }
        refs.merge(e.inode(), 1, Integer::sum);
        if (child.isDirectory()) {
            subdirs.merge(dir, 1, Integer::sum);
            if (child.parent() != dir) {
                check.problem("directory " + e.inode() + " is in " + dir + " but names parent " + child.parent());
            }
        }
    }

    private void checkInode(Inode i) {
        if (i.id() >= sb.nextInode()) {
            check.problem("inode " + i.id() + " is not below the next inode id " + sb.nextInode());
        }
        int r = refs.getOrDefault(i.id(), 0);
        if (i.isDirectory()) {
            if (i.id() != Meta.ROOT && r != 1) {
                check.problem("directory " + i.id() + " has " + r + " entries naming it (expected 1)");
            }
            int expected = 2 + subdirs.getOrDefault(i.id(), 0);
            if (i.linkCount() != expected) {
                check.problem("directory " + i.id() + " link count " + i.linkCount() + ", expected " + expected);
            }
            checkReachable(i);
        } else {
            if (r == 0) {
                check.problem("inode " + i.id() + " is not in any directory (orphan)");
            }
            if (i.linkCount() != r) {
                check.problem("inode " + i.id() + " link count " + i.linkCount() + ", but " + r + " entries name it");
            }
        }
        boolean hasExtents = items.ceilingKey(Key.of(i.id(), ItemType.EXTENT, 0)) instanceof Key k
                && k.id() == i.id() && k.type() == ItemType.EXTENT.code;
        if (!hasExtents && i.allocationSize() != 0) {
            check.problem("inode " + i.id() + " allocation size " + i.allocationSize() + " but no extents");
        }
    }

    private void checkReachable(Inode dir) {
        long d = dir.id();
        for (int depth = 0; d != Meta.ROOT; depth++) {
            Inode cur = inodes.get(d);
            if (cur == null || depth > inodes.size()) {
                check.problem("directory " + dir.id() + " is not reachable from the root");
                return;
            }
            d = cur.parent();
        }
    }

    private void checkExtents(long ino, List<Map.Entry<Key, byte[]>> extents) {
        Inode i = inodes.get(ino);
        if (i == null) {
            return;
        }
        if (i.type() != NodeType.FILE) {
            check.problem("inode " + ino + " is a " + i.type() + " but has extents");
        }
        long prevEnd = 0;
        long blocks = 0;
        long sizeBlocks = (i.size() + bs - 1) / bs;
        for (Map.Entry<Key, byte[]> e : extents) {
            long fb = e.getKey().offset();
            try {
                Extent x = FileData.decodeExtent(ino, e.getValue());
                if (fb < prevEnd) {
                    check.problem("inode " + ino + ": extent at file block " + fb + " overlaps the previous one");
                }
                if (fb + x.length() > sizeBlocks) {
                    check.problem("inode " + ino + ": extent at file block " + fb + " reaches past end of file");
                }
                check.claim(x.start(), x.length(), "extent of inode " + ino + " at file block " + fb);
                prevEnd = fb + x.length();
                blocks += x.length();
            } catch (FsException ex) {
                check.problem(ex.getMessage());
            }
        }
        if (blocks * bs != i.allocationSize()) {
            check.problem("inode " + ino + ": allocation size " + i.allocationSize() + " but extents hold " + blocks * bs);
        }
    }

    private void checkChunks(long ino, List<Map.Entry<Key, byte[]>> chunks, String what) {
        Inode i = inodes.get(ino);
        if (i == null) {
            return;
        }
        long total = 0;
        for (int c = 0; c < chunks.size(); c++) {
            if (chunks.get(c).getKey().offset() != c) {
                check.problem("inode " + ino + ": " + what + " chunk " + c + " missing");
            }
            total += chunks.get(c).getValue().length;
        }
        if (what.equals("symlink") && (i.type() != NodeType.SYMLINK || i.size() != total)) {
            check.problem("inode " + ino + ": symlink target of " + total + " bytes does not match the inode");
        }
        if (what.equals("xattr")) {
            byte[] blob = new byte[(int) total];
            int at = 0;
            for (Map.Entry<Key, byte[]> c : chunks) {
                System.arraycopy(c.getValue(), 0, blob, at, c.getValue().length);
                at += c.getValue().length;
            }
            try {
                Blobs.decodeXattrs(ino, blob);
            } catch (FsException ex) {
                check.problem(ex.getMessage());
            }
        }
    }
}
