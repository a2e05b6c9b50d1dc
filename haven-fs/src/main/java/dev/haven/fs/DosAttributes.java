package dev.haven.fs;

/** DOS attribute bits as stored in {@link Inode#dosAttributes()}; values as [MS-FSCC] 2.6. */
public final class DosAttributes {
    /** FILE_ATTRIBUTE_READONLY. */
    public static final int READ_ONLY = 0x1;
    /** FILE_ATTRIBUTE_HIDDEN. */
    public static final int HIDDEN = 0x2;
    /** FILE_ATTRIBUTE_SYSTEM. */
    public static final int SYSTEM = 0x4;
    /** FILE_ATTRIBUTE_ARCHIVE. */
    public static final int ARCHIVE = 0x20;
    /** FILE_ATTRIBUTE_TEMPORARY. */
    public static final int TEMPORARY = 0x100;
    /** FILE_ATTRIBUTE_OFFLINE. */
    public static final int OFFLINE = 0x1000;
    /** FILE_ATTRIBUTE_NOT_CONTENT_INDEXED. */
    public static final int NOT_CONTENT_INDEXED = 0x2000;

    private DosAttributes() {
    }
}
