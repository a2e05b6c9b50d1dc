package dev.haven.fs;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Byte strings too large for one tree item, stored as numbered chunks (items of one type with
 * offsets 0, 1, 2, ...): a symlink's target, and an inode's extended attributes serialized as
 * <pre>count u32, then per attribute: name length u16 | name (UTF-8) | value length u32 | value</pre>
 */
final class Blobs {
    /** Largest extended attribute value. */
    static final int MAX_XATTR_VALUE = 1 << 20;
    /** Largest sum of one inode's attributes. */
    static final int MAX_XATTR_TOTAL = 4 << 20;
    /** Largest symlink target in bytes. */
    static final int MAX_SYMLINK = 4095;

    private final Meta meta;

    Blobs(Meta meta) {
        this.meta = meta;
    }

    byte[] read(long ino, ItemType type) throws FsException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        meta.tree.scan(Key.of(ino, type, 0), it -> {
            if (it.key().id() != ino || it.key().type() != type.code) {
                return false;
            }
            out.writeBytes(it.value());
            return true;
        });
        return out.toByteArray();
    }

    /** Tree nodes a write of {@code bytes} may dirty (for the space check). */
    long nodesFor(long bytes) {
        return 2 + 4 * bytes / meta.maxValue;
    }

    void write(long ino, ItemType type, byte[] data) throws FsException {
        delete(ino, type);
        int chunk = meta.maxValue;
        for (int i = 0; i * chunk < data.length; i++) {
            meta.tree.put(Key.of(ino, type, i), Arrays.copyOfRange(data, i * chunk, Math.min(data.length, (i + 1) * chunk)));
        }
    }

    void delete(long ino, ItemType type) throws FsException {
        List<Key> keys = new ArrayList<>();
        meta.tree.scan(Key.of(ino, type, 0), it -> {
            if (it.key().id() != ino || it.key().type() != type.code) {
                return false;
            }
            keys.add(it.key());
            return true;
        });
        for (Key k : keys) {
            meta.tree.delete(k);
        }
    }

    Map<String, byte[]> xattrs(long ino) throws FsException {
        return decodeXattrs(ino, read(ino, ItemType.XATTR));
    }

    static Map<String, byte[]> decodeXattrs(long ino, byte[] blob) throws FsException {
        Map<String, byte[]> out = new TreeMap<>();
        if (blob.length == 0) {
            return out;
        }
        try {
            ByteBuffer b = ByteBuffer.wrap(blob);
            int n = b.getInt();
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[Short.toUnsignedInt(b.getShort())];
                b.get(name);
                byte[] value = new byte[b.getInt()];
                b.get(value);
                out.put(new String(name, StandardCharsets.UTF_8), value);
            }
            return out;
        } catch (RuntimeException e) {
            throw new FsException(FsError.CORRUPT, "inode " + ino + ": bad extended attributes");
        }
    }

    static byte[] encodeXattrs(Map<String, byte[]> attrs) throws FsException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(4).putInt(attrs.size()).array());
        for (Map.Entry<String, byte[]> e : attrs.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeBytes(ByteBuffer.allocate(2).putShort((short) name.length).array());
            out.writeBytes(name);
            out.writeBytes(ByteBuffer.allocate(4).putInt(e.getValue().length).array());
            out.writeBytes(e.getValue());
        }
        if (out.size() > MAX_XATTR_TOTAL) {
            throw new FsException(FsError.TOO_LARGE, "extended attributes exceed " + MAX_XATTR_TOTAL + " bytes");
        }
        return out.toByteArray();
    }

    static void validateXattrName(String name) throws FsException {
        if (name == null || name.isEmpty() || name.indexOf('\0') >= 0 || Names.utf8(name).length > Names.MAX_BYTES) {
            throw new FsException(FsError.NAME_INVALID, "extended attribute name '" + name + "'");
        }
    }
}
