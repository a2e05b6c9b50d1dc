package dev.haven.fs;

import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * The attributes of one inode. Times are 100 ns ticks since 1970-01-01 UTC (add
 * 116,444,736,000,000,000 for a Windows FILETIME); see {@link #toTicks} and {@link #toInstant}.
 *
 * @param linkCount       directory entries naming it (directories: 2 + subdirectories)
 * @param size            bytes (directories: number of entries)
 * @param allocationSize  bytes of blocks allocated to it
 * @param parent          containing directory (directories only; 0 otherwise)
 */
public record Inode(long id, long generation, NodeType type, int mode, int uid, int gid, int linkCount,
                    long size, long allocationSize, long birthTime, long lastWriteTime, long changeTime,
                    long lastAccessTime, int dosAttributes, long parent) {
    static final int ENCODED = 1 + 8 + 1 + 4 * 4 + 8 * 6 + 4 + 8;

    /** The identity SMB and NFS hand out for this inode. */
    public FileId fileId() {
        return new FileId(id, generation);
    }

    /** True for directories. */
    public boolean isDirectory() {
        return type == NodeType.DIRECTORY;
    }

    /** 100 ns ticks since the epoch for {@code t}. */
    public static long toTicks(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 10_000_000L), t.getNano() / 100);
    }

    /** The instant of {@code ticks} (100 ns since the epoch). */
    public static Instant toInstant(long ticks) {
        return Instant.ofEpochSecond(Math.floorDiv(ticks, 10_000_000L), Math.floorMod(ticks, 10_000_000L) * 100);
    }

    Inode withSize(long newSize, long newAlloc) {
        return copy(linkCount, newSize, newAlloc, lastWriteTime, changeTime, parent);
    }

    Inode withLinks(int links) {
        return copy(links, size, allocationSize, lastWriteTime, changeTime, parent);
    }

    Inode withParent(long newParent) {
        return copy(linkCount, size, allocationSize, lastWriteTime, changeTime, newParent);
    }

    /** Marks a content change (write, entry added or removed) at {@code now}. */
    Inode modified(long now) {
        return copy(linkCount, size, allocationSize, now, now, parent);
    }

    /** Marks an attribute change at {@code now}. */
    Inode changed(long now) {
        return copy(linkCount, size, allocationSize, lastWriteTime, now, parent);
    }

    private Inode copy(int links, long newSize, long alloc, long write, long change, long newParent) {
        return new Inode(id, generation, type, mode, uid, gid, links, newSize, alloc, birthTime, write, change,
                lastAccessTime, dosAttributes, newParent);
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(ENCODED);
        b.put((byte) 1).putLong(generation).put((byte) type.ordinal()).putInt(mode).putInt(uid).putInt(gid)
                .putInt(linkCount).putLong(size).putLong(allocationSize).putLong(birthTime).putLong(lastWriteTime)
                .putLong(changeTime).putLong(lastAccessTime).putInt(dosAttributes).putLong(parent);
        return b.array();
    }

    static Inode decode(long id, byte[] v) throws FsException {
        if (v.length != ENCODED || v[0] != 1) {
            throw new FsException(FsError.CORRUPT, "inode " + id + ": bad record");
        }
        ByteBuffer b = ByteBuffer.wrap(v, 1, v.length - 1);
        return new Inode(id, b.getLong(), NodeType.of(b.get()), b.getInt(), b.getInt(), b.getInt(), b.getInt(),
                b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getLong(), b.getInt(), b.getLong());
    }
}
