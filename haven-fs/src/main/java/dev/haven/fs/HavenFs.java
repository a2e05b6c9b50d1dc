package dev.haven.fs;

import dev.haven.block.BlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mounted HavenFS: the API the file service calls. Production volumes, read-only snapshots and
 * writable snapshots mount the same way, as each is a {@link BlockDevice}.
 *
 * <p>Locking: metadata changes and commits hold the metadata write lock; reads, lookups and writes
 * hold its read lock (shared), writers also their file's stripe lock, and data I/O never runs
 * under the exclusive lock, so the data path never serialises on one lock. Changes are committed in groups (on {@link #sync},
 * {@link #flush}, {@link #freeze}, {@link #close}, when enough is dirty, or when the oldest change
 * is older than {@link MountOptions#commitInterval()}), never per operation.
 *
 * <p>Reads do not update the last access time (a read never costs a metadata write); callers set
 * it with {@link #setAttributes} when they want it.
 *
 * <p>An unlinked file is deleted at once when its last name goes; the file service keeps a file
 * that is still open alive by deferring the unlink (delete-on-close), so HavenFS has no orphans.
 */
public final class HavenFs implements AutoCloseable {
    /** The root directory's inode id. */
    public static final long ROOT = Meta.ROOT;

    private static final AtomicLong MOUNTS = new AtomicLong();
    private final Meta meta;
        private final FileData data;
    private final Blobs blobs;
    private final Namespace names;
    private final Guard guard;
    private final DataPath dataPath;
    /** This mount's number in the process: mounts of one file system (production, each snapshot view) differ. */
    private final long mountId = MOUNTS.incrementAndGet();

    private HavenFs(Meta meta, MountOptions options) {
        this.meta = meta;
        this.data = new FileData(meta);
        this.blobs = new Blobs(meta);
        this.names = new Namespace(meta, data, blobs);
        this.guard = new Guard(meta, options);
        this.dataPath = new DataPath(meta, data, guard);
    }

    /** Writes a new, empty file system on {@code device} and mounts it read-write. */
    public static HavenFs format(BlockDevice device, FormatOptions options) throws FsException {
        return new HavenFs(Meta.format(device, options), MountOptions.DEFAULT.withClock(options.clock()));
    }

    /** Mounts with default options (read-only when the device is). */
    public static HavenFs mount(BlockDevice device) throws FsException {
        return mount(device, MountOptions.DEFAULT);
    }

    /** Mounts the newest committed state of the file system on {@code device}. */
    public static HavenFs mount(BlockDevice device, MountOptions options) throws FsException {
        return new HavenFs(Meta.mount(device, options), options);
    }

    /** The file-system id. */
    public UUID fsId() {
        return meta.superblock().fsId();
    }

    /**
     * This mount's number, unique in the process: production and every snapshot view of one file
     * system share its {@link #fsId()} but hold different files, so whatever is kept per file
     * (share modes, locks, leases) must tell the mounts apart.
     */
    public long mountId() {
        return mountId;
    }

    /** True when names are matched case-insensitively (case preserved). */
    public boolean caseInsensitive() {
        return meta.superblock().caseInsensitive();
    }

    /** File-system block size in bytes. */
    public int blockSize() {
        return meta.disk.blockSize;
    }

    /** True when mounted read-only. */
    public boolean isReadOnly() {
        return meta.readOnly;
    }

    /** True when the image was clean at mount (unmounted or frozen with everything committed). */
    public boolean mountedClean() {
        return meta.mountedClean;
    }

    /** The lifecycle state. */
    public FsLifecycle state() {
        return guard.state();
    }

    // ---- lookups -------------------------------------------------------------------------------

    /** The attributes of inode {@code ino}; {@link FsError#STALE} if it does not exist. */
    public Inode attributes(long ino) throws FsException {
        return guard.read(() -> meta.require(ino));
    }

    /** The attributes for a file id; {@link FsError#STALE} when deleted or the generation differs. */
    public Inode attributes(FileId id) throws FsException {
        return guard.read(() -> checkGeneration(meta.require(id.inode()), id));
    }

    private static Inode checkGeneration(Inode i, FileId id) throws FsException {
        if (i.generation() != id.generation()) {
            throw new FsException(FsError.STALE, "inode " + id.inode() + " generation " + id.generation() + " is gone");
        }
        return i;
    }

    /** The inode named {@code name} in directory {@code dir}. */
    public Inode lookup(long dir, String name) throws FsException {
        return guard.read(() -> meta.require(names.requireEntry(dir, name).inode()));
    }

    /** The name {@code name} has in {@code dir} as stored: its own case on a case-insensitive file system. */
    public String storedName(long dir, String name) throws FsException {
        return guard.read(() -> names.requireEntry(dir, name).name());
    }

    /** Resolves a '/'-separated path from the root without following symlinks. */
    public Inode resolve(String path) throws FsException {
        return guard.read(() -> {
            Inode cur = meta.require(ROOT);
            for (String part : path.split("/")) {
                if (!part.isEmpty()) {
                    cur = meta.require(names.requireEntry(cur.id(), part).inode());
                }
            }
            return cur;
        });
    }

    /**
     * Lists directory {@code dir} after {@code cookie} (0 to start): up to {@code max} entries (more
     * only to keep one hash bucket whole). Resume with the page's cookie; entries that exist
     * throughout a listing are returned exactly once, whatever else changes between pages.
     */
    public DirPage list(long dir, long cookie, int max) throws FsException {
        return guard.read(() -> names.list(dir, cookie, max));
    }

    /** Every entry of {@code dir} (convenience over {@link #list}). */
    public List<DirEntry> listAll(long dir) throws FsException {
        List<DirEntry> all = new ArrayList<>();
        long cookie = 0;
        DirPage p;
        do {
            p = list(dir, cookie, 1024);
            all.addAll(p.entries());
            cookie = p.cookie();
        } while (!p.end());
        return all;
    }

    /** The target of symlink {@code ino}. */
    public String readSymlink(long ino) throws FsException {
        return guard.read(() -> {
            if (meta.require(ino).type() != NodeType.SYMLINK) {
                throw new FsException(FsError.INVALID, "inode " + ino + " is not a symlink");
            }
            return new String(blobs.read(ino, ItemType.SYMLINK), java.nio.charset.StandardCharsets.UTF_8);
        });
    }

    // ---- namespace changes ---------------------------------------------------------------------

    /** Creates an empty regular file. */
    public Inode createFile(long dir, String name, CreateAttributes attrs) throws FsException {
        return guard.change(() -> names.create(dir, name, NodeType.FILE, attrs, null));
    }

    /** Creates an empty directory. */
    public Inode createDirectory(long dir, String name, CreateAttributes attrs) throws FsException {
        return guard.change(() -> names.create(dir, name, NodeType.DIRECTORY, attrs, null));
    }

    /** Creates a symlink to {@code target} (1 to 4,095 UTF-8 bytes, never interpreted). */
    public Inode createSymlink(long dir, String name, String target, CreateAttributes attrs) throws FsException {
        byte[] t = Names.utf8(target);
        if (t.length == 0 || t.length > Blobs.MAX_SYMLINK) {
            throw new FsException(FsError.TOO_LARGE, "symlink target of " + t.length + " bytes");
        }
        return guard.change(() -> names.create(dir, name, NodeType.SYMLINK, attrs, t));
    }

    /** Adds a hard link to non-directory {@code ino}. */
    public Inode link(long ino, long dir, String name) throws FsException {
        return guard.change(() -> names.link(ino, dir, name));
    }

    /** Removes a non-directory name; the file goes with its last link. */
    public void unlink(long dir, String name) throws FsException {
        guard.change(() -> {
            names.unlink(dir, name);
            return null;
        });
    }

    /** Removes an empty directory. */
    public void removeDirectory(long dir, String name) throws FsException {
        guard.change(() -> {
            names.rmdir(dir, name);
            return null;
        });
    }

    /** Atomically renames; with {@code replace}, an existing target (file, or empty directory) is replaced. */
    public void rename(long srcDir, String srcName, long dstDir, String dstName, boolean replace) throws FsException {
        guard.change(() -> {
            names.rename(srcDir, srcName, dstDir, dstName, replace);
            return null;
        });
    }

    /** Changes attributes; returns the new ones. */
    public Inode setAttributes(long ino, SetAttributes changes) throws FsException {
        return guard.change(() -> {
            Inode i = changes.applyTo(meta.require(ino), meta.now());
            meta.putInode(i);
            return i;
        });
    }

    // ---- file data -----------------------------------------------------------------------------

    /** Opens a regular file by id, checking its generation. */
    public OpenFile open(FileId id) throws FsException {
        guard.read(() -> checkGeneration(dataPath.regularFile(id.inode()), id));
        return new OpenFile(this, id);
    }

    /** Reads at {@code offset} into {@code dst}; returns bytes read, 0 at end of file. Holes read as zeros. */
    public int read(long ino, long offset, ByteBuffer dst) throws FsException {
        if (offset < 0) {
            throw new FsException(FsError.INVALID, "negative offset");
        }
        return dataPath.read(ino, offset, dst);
    }

    /** Writes all of {@code src} at {@code offset}, extending the file as needed. */
    public void write(long ino, long offset, ByteBuffer src) throws FsException {
        if (offset < 0 || offset > FileData.MAX_SIZE - src.remaining()) {
            throw new FsException(FsError.TOO_LARGE, "write at " + offset + " beyond the largest file size");
        }
        if (src.hasRemaining()) {
            dataPath.write(ino, offset, src);
        }
    }

    /** Sets the size: shrinking frees blocks; growing leaves a hole that reads as zeros. */
    public void truncate(long ino, long size) throws FsException {
        if (size < 0 || size > FileData.MAX_SIZE) {
            throw new FsException(FsError.TOO_LARGE, "size " + size);
        }
        dataPath.truncate(ino, size);
    }

    /**
     * The allocated byte ranges of {@code [offset, offset + length)} below end of file, merged and
     * in order, at block granularity: what [MS-FSCC] 2.3.51 FSCTL_QUERY_ALLOCATED_RANGES reports.
     */
    public List<ByteRange> allocatedRanges(long ino, long offset, long length) throws FsException {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new FsException(FsError.INVALID, "range " + offset + "+" + length);
        }
        return dataPath.allocated(ino, offset, length);
    }

    /**
     * Makes {@code [offset, offset + length)} (clipped to end of file) read as zeros, giving whole
     * blocks back to the free space; the size does not change.
     */
    public void punchHole(long ino, long offset, long length) throws FsException {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new FsException(FsError.INVALID, "range " + offset + "+" + length);
        }
        dataPath.punchHole(ino, offset, length);
    }

    // ---- extended attributes -------------------------------------------------------------------

    /** The value of extended attribute {@code name}; {@link FsError#NOT_FOUND} if absent. */
    public byte[] getXattr(long ino, String name) throws FsException {
        return guard.read(() -> {
            meta.require(ino);
            byte[] v = blobs.xattrs(ino).get(name);
            if (v == null) {
                throw new FsException(FsError.NOT_FOUND, "no extended attribute '" + name + "' on inode " + ino);
            }
            return v.clone();
        });
    }

    /** The names of the extended attributes of {@code ino}, sorted. */
    public List<String> listXattrs(long ino) throws FsException {
        return guard.read(() -> {
            meta.require(ino);
            return List.copyOf(blobs.xattrs(ino).keySet());
        });
    }

    /** Sets extended attribute {@code name} (values up to 1 MiB; 4 MiB per inode). */
    public void setXattr(long ino, String name, byte[] value) throws FsException {
        Blobs.validateXattrName(name);
        if (value.length > Blobs.MAX_XATTR_VALUE) {
            throw new FsException(FsError.TOO_LARGE, "extended attribute value of " + value.length + " bytes");
        }
        guard.change(() -> {
            Inode i = meta.require(ino);
            Map<String, byte[]> all = blobs.xattrs(ino);
            all.put(name, value.clone());
            byte[] blob = Blobs.encodeXattrs(all);
            meta.ensureSpace(blobs.nodesFor(blob.length), meta.reserve() / 2);
            blobs.write(ino, ItemType.XATTR, blob);
            meta.putInode(i.changed(meta.now()));
            return null;
        });
    }

    /** Removes extended attribute {@code name}; {@link FsError#NOT_FOUND} if absent. */
    public void removeXattr(long ino, String name) throws FsException {
        guard.change(() -> {
            Inode i = meta.require(ino);
            Map<String, byte[]> all = blobs.xattrs(ino);
            if (all.remove(name) == null) {
                throw new FsException(FsError.NOT_FOUND, "no extended attribute '" + name + "' on inode " + ino);
            }
            blobs.write(ino, ItemType.XATTR, all.isEmpty() ? new byte[0] : Blobs.encodeXattrs(all));
            meta.putInode(i.changed(meta.now()));
            return null;
        });
    }

    // ---- durability, statistics, lifecycle -----------------------------------------------------

    /** Makes the file's data and all metadata durable (a commit). */
    public void flush(long ino) throws FsException {
        attributes(ino);
        sync();
    }

    /** Makes everything written so far durable. */
    public void sync() throws FsException {
        guard.sync();
    }

    /**
     * Commits if the oldest uncommitted change is older than {@link MountOptions#commitInterval()}.
     * The node calls this periodically so that an idle file system does not keep changes in memory.
     */
    public void commitIfDue() throws FsException {
        if (isReadOnly() || guard.state() == FsLifecycle.FROZEN) {
            return;
        }
        guard.enterChange();
        try {
            guard.commitIfDue();
        } finally {
            guard.exitChange();
        }
    }

    /** Block and inode counts. */
    public FsStats statfs() throws FsException {
        return guard.read(() -> {
            long total = meta.alloc.total();
            long free = Math.max(0, meta.alloc.free() - meta.reserve());
            long inodes = meta.inodeCount();
            return new FsStats(fsId(), blockSize(), total, free, total - free, inodes + free, free, inodes,
                    caseInsensitive());
        });
    }

    /**
     * Stops new changes (they wait), lets the running ones finish and commits everything with the
     * clean flag: a snapshot taken now mounts without recovery.
     */
    public void freeze() throws FsException {
        guard.freeze();
    }

    /** Lets changes in again. */
    public void thaw() throws FsException {
        guard.thaw();
    }

    /** Commits with the clean flag (unless read-only or failed) and unmounts; the device stays open. */
    @Override
    public void close() throws FsException {
        guard.close();
    }
}
