package dev.haven.fs;

/**
 * A B+tree key: (object id, item type, offset). Items of one inode sort together, by type, then by
 * offset (file block for extents, name hash for directory entries, chunk index for blobs).
 */
record Key(long id, byte type, long offset) implements Comparable<Key> {
    /** Encoded size in bytes. */
    static final int BYTES = 17;

    static Key of(long id, ItemType type, long offset) {
        return new Key(id, type.code, offset);
    }

    @Override
    public int compareTo(Key o) {
        int c = Long.compare(id, o.id);
        if (c != 0) {
            return c;
        }
        c = Byte.compare(type, o.type);
        return c != 0 ? c : Long.compare(offset, o.offset);
    }

    boolean isBefore(Key o) {
        return compareTo(o) < 0;
    }
}
