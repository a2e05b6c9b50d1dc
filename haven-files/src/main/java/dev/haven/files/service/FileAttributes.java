package dev.haven.files.service;

/**
 * Protocol-neutral attributes of a file or directory. Times are 100 ns ticks since 1970-01-01 UTC
 * (SMB adds 116,444,736,000,000,000 for a FILETIME).
 *
 * @param fileId        the stable inode id
 * @param dosAttributes [MS-FSCC] 2.6 bits, with DIRECTORY set for directories and NORMAL when no bit is set
 */
public record FileAttributes(long fileId, long generation, boolean directory, long size, long allocationSize,
        long creationTime, long lastAccessTime, long lastWriteTime, long changeTime, int dosAttributes,
        int linkCount, boolean deletePending) {
    /** FILE_ATTRIBUTE_DIRECTORY. */
    public static final int DIRECTORY = 0x10;
    /** FILE_ATTRIBUTE_NORMAL: only when no other bit is set. */
    public static final int NORMAL = 0x80;
    /** FILE_ATTRIBUTE_TEMPORARY ([MS-FSCC] 2.6): files only. */
    public static final int TEMPORARY = 0x100;
    /** FILE_ATTRIBUTE_ARCHIVE. */
    public static final int ARCHIVE = 0x20;
    /**
     * [MS-FSCC] 2.6 attributes a CREATE may give a new file: READONLY, HIDDEN, SYSTEM, ARCHIVE,
     * TEMPORARY, OFFLINE and NOT_CONTENT_INDEXED.
     */
    public static final int SETTABLE_ON_CREATE = 0x1 | 0x2 | 0x4 | ARCHIVE | TEMPORARY | 0x1000 | 0x2000;

    /** These attributes with another allocation size. */
    public FileAttributes withAllocationSize(long bytes) {
        return new FileAttributes(fileId, generation, directory, size, bytes, creationTime, lastAccessTime, lastWriteTime,
                changeTime, dosAttributes, linkCount, deletePending);
    }

    static FileAttributes of(dev.haven.fs.Inode i, boolean deletePending) {
        int dos = i.dosAttributes() & ~(DIRECTORY | NORMAL);
        if (i.isDirectory()) {
            dos |= DIRECTORY;
        }
        if (dos == 0) {
            dos = NORMAL;
        }
        long size = i.isDirectory() ? 0 : i.size();
        return new FileAttributes(i.id(), i.generation(), i.isDirectory(), size, i.isDirectory() ? 0 : i.allocationSize(),
                i.birthTime(), i.lastAccessTime(), i.lastWriteTime(), i.changeTime(), dos, i.linkCount(), deletePending);
    }
}
