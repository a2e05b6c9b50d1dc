package dev.haven.files;

/**
 * The identity of a file for the rule engines: the file system it lives in and its stable 64-bit
 * inode id. Two opens of the same {@code FileKey} see each other's share modes, locks and leases,
 * whatever protocol they came through.
 *
 * @param fileSystemId the file system (a production file system or a snapshot of it)
 * @param inodeId      the inode id inside that file system
 */
public record FileKey(long fileSystemId, long inodeId) {
    @Override
    public String toString() {
        return "file " + Long.toUnsignedString(fileSystemId) + ":" + Long.toUnsignedString(inodeId);
    }
}
