package dev.haven.fs;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The entries of one directory whose names share a hash: the value of a DIRENT item.
 *
 * <pre>
 * count u16, then per entry: name length u8 | name (UTF-8) | inode u64 | type u8
 * </pre>
 */
record DirBucket(List<Entry> entries) {
    /** One stored entry. */
    record Entry(String name, long inode, NodeType type) {
        int bytes() {
            return 1 + name.getBytes(StandardCharsets.UTF_8).length + 9;
        }
    }

    static DirBucket decode(long dir, byte[] v) throws FsException {
        try {
            ByteBuffer b = ByteBuffer.wrap(v);
            int n = Short.toUnsignedInt(b.getShort());
            List<Entry> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[Byte.toUnsignedInt(b.get())];
                b.get(name);
                out.add(new Entry(new String(name, StandardCharsets.UTF_8), b.getLong(), NodeType.of(b.get())));
            }
            return new DirBucket(out);
        } catch (RuntimeException e) {
            throw new FsException(FsError.CORRUPT, "directory " + dir + ": bad entry bucket");
        }
    }

    int bytes() {
        int n = 2;
        for (Entry e : entries) {
            n += e.bytes();
        }
        return n;
    }

    byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(bytes());
        b.putShort((short) entries.size());
        for (Entry e : entries) {
            byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
            b.put((byte) name.length).put(name).putLong(e.inode()).put((byte) e.type().ordinal());
        }
        return b.array();
    }

    Entry find(Names names, String name) {
        for (Entry e : entries) {
            if (names.same(e.name(), name)) {
                return e;
            }
        }
        return null;
    }

    DirBucket with(Entry e) {
        List<Entry> out = new ArrayList<>(entries);
        out.add(e);
        out.sort((a, b) -> a.name().compareTo(b.name()));
        return new DirBucket(out);
    }

    DirBucket without(Names names, String name) {
        List<Entry> out = new ArrayList<>(entries);
        out.removeIf(e -> names.same(e.name(), name));
        return new DirBucket(out);
    }
}
