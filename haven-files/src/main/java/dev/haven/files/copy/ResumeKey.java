package dev.haven.files.copy;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * [MS-SMB2] 2.2.32.3: a 24-byte opaque resume key naming a source open. Layout (ours, opaque to
 * clients): serial (8 bytes, big-endian) then a 16-byte truncated HMAC-SHA256 tag that binds the
 * serial to the open and its owner ({@link ResumeKeys}).
 */
public final class ResumeKey {
    /** Length of a key on the wire. */
    public static final int SIZE = 24;
    private final byte[] bytes;

    private ResumeKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The key in {@code bytes}; they must be {@link #SIZE} long. */
    public static ResumeKey of(byte[] bytes) {
        if (bytes.length != SIZE) {
            throw new IllegalArgumentException("a resume key is " + SIZE + " bytes, not " + bytes.length);
        }
        return new ResumeKey(bytes.clone());
    }

    /** The key's bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    long serial() {
        long s = 0;
        for (int i = 0; i < 8; i++) {
            s = s << 8 | (bytes[i] & 0xFF);
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        // Constant time: a key is a credential.
        return o instanceof ResumeKey k && java.security.MessageDigest.isEqual(bytes, k.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "resume key " + HexFormat.of().formatHex(bytes, 0, 8) + "…";
    }
}
