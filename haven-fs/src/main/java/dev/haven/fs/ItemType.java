package dev.haven.fs;

/** The kinds of items in the metadata tree; the code is the on-disk type byte of a {@link Key}. */
enum ItemType {
    /** The inode record; offset 0. */
    INODE(1),
    /** A bucket of directory entries whose folded names hash to the offset. */
    DIRENT(2),
    /** A file extent; offset = first file block, value = (device block, length). */
    EXTENT(3),
    /** A chunk of the inode's extended-attribute blob; offset = chunk index. */
    XATTR(4),
    /** A chunk of a symlink's target; offset = chunk index. */
    SYMLINK(5);

    final byte code;

    ItemType(int code) {
        this.code = (byte) code;
    }
}
