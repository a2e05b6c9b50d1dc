package dev.haven.fs;

/**
 * A stable file identity: inode id plus generation. It survives remount and snapshots; SMB FileIds
 * and NFS file handles are made of it. Inode ids are never reused within a file system.
 */
public record FileId(long inode, long generation) {
}
