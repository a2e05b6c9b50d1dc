package dev.haven.fs;

/** Initial owner, mode and DOS attributes of a new inode. */
public record CreateAttributes(int mode, int uid, int gid, int dosAttributes) {
    /** Mode 0644 for files (0755 for directories is the caller's choice), owner 0:0, no DOS bits. */
    public static final CreateAttributes DEFAULT = new CreateAttributes(0644, 0, 0, 0);
}
