package dev.haven.fs;

/** What an inode is. */
public enum NodeType {
    /** A regular file. */
    FILE,
    /** A directory. */
    DIRECTORY,
    /** A symbolic link. */
    SYMLINK;

    static NodeType of(int code) throws FsException {
        if (code < 0 || code >= values().length) {
            throw new FsException(FsError.CORRUPT, "unknown node type " + code);
        }
        return values()[code];
    }
}
