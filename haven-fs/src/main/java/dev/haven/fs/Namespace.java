package dev.haven.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * Directories and names: lookup, create, link, unlink, rename and listing. Every method checks all
 * its preconditions before it changes anything, so a refused call leaves no half-applied change in
 * the running transaction. Callers hold the metadata write lock (lookups and listings: read lock).
 */
final class Namespace {
    private final Meta meta;
    private final FileData data;
    private final Blobs blobs;

    Namespace(Meta meta, FileData data, Blobs blobs) {
        this.meta = meta;
        this.data = data;
        this.blobs = blobs;
    }

    Inode directory(long dir) throws FsException {
        Inode d = meta.require(dir);
        if (!d.isDirectory()) {
            throw new FsException(FsError.NOT_A_DIRECTORY, "inode " + dir + " is not a directory");
        }
        return d;
    }

    private Key bucketKey(long dir, String name) {
        return Key.of(dir, ItemType.DIRENT, meta.names.hash(name));
    }

    private DirBucket bucket(long dir, Key k) throws FsException {
        byte[] v = meta.tree.get(k);
        return v == null ? new DirBucket(List.of()) : DirBucket.decode(dir, v);
    }

    /** The entry for {@code name} in {@code dir}, or null. */
    DirBucket.Entry entry(long dir, String name) throws FsException {
        Names.validate(name);
        directory(dir);
        return bucket(dir, bucketKey(dir, name)).find(meta.names, name);
    }

    DirBucket.Entry requireEntry(long dir, String name) throws FsException {
        DirBucket.Entry e = entry(dir, name);
        if (e == null) {
            throw new FsException(FsError.NOT_FOUND, "'" + name + "' not found in directory " + dir);
        }
        return e;
    }

    private void checkFits(long dir, String name) throws FsException {
        DirBucket b = bucket(dir, bucketKey(dir, name));
        if (b.bytes() + new DirBucket.Entry(name, 0, NodeType.FILE).bytes() > meta.maxValue) {
            throw new FsException(FsError.TOO_LARGE, "hash bucket of '" + name + "' is full");
        }
    }

    private void addEntry(long dir, String name, long ino, NodeType type) throws FsException {
        Key k = bucketKey(dir, name);
        meta.tree.put(k, bucket(dir, k).with(new DirBucket.Entry(name, ino, type)).encode());
        Inode d = meta.require(dir);
        int links = d.linkCount() + (type == NodeType.DIRECTORY ? 1 : 0);
        meta.putInode(d.withSize(d.size() + 1, d.allocationSize()).withLinks(links).modified(meta.now()));
    }

    private void removeEntry(long dir, String name, NodeType type) throws FsException {
        Key k = bucketKey(dir, name);
        DirBucket b = bucket(dir, k).without(meta.names, name);
        if (b.entries().isEmpty()) {
            meta.tree.delete(k);
        } else {
            meta.tree.put(k, b.encode());
        }
        Inode d = meta.require(dir);
        int links = d.linkCount() - (type == NodeType.DIRECTORY ? 1 : 0);
        meta.putInode(d.withSize(d.size() - 1, d.allocationSize()).withLinks(links).modified(meta.now()));
    }

    Inode create(long dir, String name, NodeType type, CreateAttributes attrs, byte[] symlinkTarget) throws FsException {
        if (entry(dir, name) != null) {
            throw new FsException(FsError.EXISTS, "'" + name + "' exists in directory " + dir);
        }
        checkFits(dir, name);
        meta.ensureSpace(4 + (symlinkTarget == null ? 0 : blobs.nodesFor(symlinkTarget.length)), meta.reserve() / 2);
        Inode i = meta.newInode(type, attrs, dir);
        if (symlinkTarget != null) {
            blobs.write(i.id(), ItemType.SYMLINK, symlinkTarget);
            i = i.withSize(symlinkTarget.length, 0);
            meta.putInode(i);
        }
        addEntry(dir, name, i.id(), type);
        return i;
    }

    Inode link(long ino, long dir, String name) throws FsException {
        Inode i = meta.require(ino);
        if (i.isDirectory()) {
            throw new FsException(FsError.IS_A_DIRECTORY, "cannot hard-link a directory");
        }
        if (entry(dir, name) != null) {
            throw new FsException(FsError.EXISTS, "'" + name + "' exists in directory " + dir);
        }
        checkFits(dir, name);
        meta.ensureSpace(4, meta.reserve() / 2);
        i = i.withLinks(i.linkCount() + 1).changed(meta.now());
        meta.putInode(i);
        addEntry(dir, name, ino, i.type());
        return i;
    }

    /** Removes a non-directory entry; the inode goes when its last link does. */
    void unlink(long dir, String name) throws FsException {
        DirBucket.Entry e = requireEntry(dir, name);
        if (e.type() == NodeType.DIRECTORY) {
            throw new FsException(FsError.IS_A_DIRECTORY, "'" + name + "' is a directory");
        }
        removeEntry(dir, e.name(), e.type());
        dropLink(e.inode());
    }

    void rmdir(long dir, String name) throws FsException {
        DirBucket.Entry e = requireEntry(dir, name);
        if (e.type() != NodeType.DIRECTORY) {
            throw new FsException(FsError.NOT_A_DIRECTORY, "'" + name + "' is not a directory");
        }
        if (meta.require(e.inode()).size() > 0) {
            throw new FsException(FsError.NOT_EMPTY, "directory '" + name + "' is not empty");
        }
        removeEntry(dir, e.name(), e.type());
        destroy(e.inode());
    }

    private void dropLink(long ino) throws FsException {
        Inode i = meta.require(ino);
        if (i.linkCount() <= 1) {
            destroy(ino);
        } else {
            meta.putInode(i.withLinks(i.linkCount() - 1).changed(meta.now()));
        }
    }

    private void destroy(long ino) throws FsException {
        data.freeFrom(ino, 0);
        blobs.delete(ino, ItemType.XATTR);
        blobs.delete(ino, ItemType.SYMLINK);
        meta.deleteInode(ino);
    }

    void rename(long srcDir, String srcName, long dstDir, String dstName, boolean replace) throws FsException {
        DirBucket.Entry src = requireEntry(srcDir, srcName);
        DirBucket.Entry dst = entry(dstDir, dstName);
        if (src.type() == NodeType.DIRECTORY && srcDir != dstDir) {
            checkNotInside(src.inode(), dstDir);
        }
        if (dst != null && dst.inode() == src.inode()) {
            if (srcDir == dstDir && meta.names.same(srcName, dstName) && !src.name().equals(dstName)) {
                removeEntry(srcDir, src.name(), src.type()); // case-only rename keeps the inode
                addEntry(dstDir, dstName, src.inode(), src.type());
            }
            return; // POSIX: both names already refer to the same file
        }
        if (dst != null) {
            checkReplaceable(src, dst, replace);
        } else {
            checkFits(dstDir, dstName);
        }
        if (dst != null) {
            removeEntry(dstDir, dst.name(), dst.type());
            if (dst.type() == NodeType.DIRECTORY) {
                destroy(dst.inode());
            } else {
                dropLink(dst.inode());
            }
        }
        removeEntry(srcDir, src.name(), src.type());
        addEntry(dstDir, dstName, src.inode(), src.type());
        Inode moved = meta.require(src.inode());
        if (moved.isDirectory()) {
            moved = moved.withParent(dstDir);
        }
        meta.putInode(moved.changed(meta.now()));
    }

    private void checkReplaceable(DirBucket.Entry src, DirBucket.Entry dst, boolean replace) throws FsException {
        if (!replace) {
            throw new FsException(FsError.EXISTS, "'" + dst.name() + "' exists");
        }
        if (dst.type() == NodeType.DIRECTORY) {
            if (src.type() != NodeType.DIRECTORY) {
                throw new FsException(FsError.IS_A_DIRECTORY, "cannot replace directory '" + dst.name() + "' with a file");
            }
            if (meta.require(dst.inode()).size() > 0) {
                throw new FsException(FsError.NOT_EMPTY, "directory '" + dst.name() + "' is not empty");
            }
        } else if (src.type() == NodeType.DIRECTORY) {
            throw new FsException(FsError.NOT_A_DIRECTORY, "cannot replace file '" + dst.name() + "' with a directory");
        }
    }

    /** Refuses to move directory {@code moving} under {@code target} when target is inside it. */
    private void checkNotInside(long moving, long target) throws FsException {
        long d = target;
        for (int depth = 0; ; depth++) {
            if (d == moving) {
                throw new FsException(FsError.LOOP, "cannot move directory " + moving + " into its own subtree");
            }
            if (d == Meta.ROOT || depth > 1_000_000) {
                return;
            }
            d = meta.require(d).parent();
        }
    }

    /** Entries after {@code cookie}, whole hash buckets at a time, up to {@code max} (more only to finish a bucket). */
    DirPage list(long dir, long cookie, int max) throws FsException {
        directory(dir);
        List<DirEntry> out = new ArrayList<>();
        long[] last = {cookie};
        boolean[] more = {false};
        if (cookie != Long.MAX_VALUE) {
            meta.tree.scan(Key.of(dir, ItemType.DIRENT, cookie + 1), it -> {
                if (it.key().id() != dir || it.key().type() != ItemType.DIRENT.code) {
                    return false;
                }
                if (out.size() >= max) {
                    more[0] = true;
                    return false;
                }
                for (DirBucket.Entry e : DirBucket.decode(dir, it.value()).entries()) {
                    out.add(new DirEntry(e.name(), e.inode(), e.type(), it.key().offset()));
                }
                last[0] = it.key().offset();
                return true;
            });
        }
        return new DirPage(List.copyOf(out), last[0], !more[0]);
    }
}
