package dev.haven.fs;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Name rules of one file system: validation, case folding and the keyed hash that places an entry
 * in its directory. Case-insensitive file systems fold each code point with
 * {@link Character#toUpperCase(int)} (locale-independent, per code point, as SMB clients expect);
 * the stored name keeps its case. The hash is keyed by the file-system id so that no client can
 * aim many names at one bucket.
 */
final class Names {
    static final int MAX_BYTES = 255;

    private final boolean caseInsensitive;
    private final long seed;

    Names(boolean caseInsensitive, UUID fsId) {
        this.caseInsensitive = caseInsensitive;
        this.seed = fsId.getMostSignificantBits() ^ Long.rotateLeft(fsId.getLeastSignificantBits(), 29);
    }

    /** The UTF-8 bytes of a valid name, else {@link FsError#NAME_INVALID}. */
    static byte[] validate(String name) throws FsException {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")) {
            throw new FsException(FsError.NAME_INVALID, "name '" + name + "' is not allowed");
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            throw new FsException(FsError.NAME_INVALID, "name contains '/' or NUL");
        }
        byte[] utf8 = utf8(name);
        if (utf8.length > MAX_BYTES) {
            throw new FsException(FsError.NAME_INVALID, "name is " + utf8.length + " bytes; at most 255");
        }
        return utf8;
    }

    static byte[] utf8(String s) throws FsException {
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new FsException(FsError.NAME_INVALID, "name is not valid Unicode (lone surrogate)");
        }
    }

    String fold(String name) {
        if (!caseInsensitive) {
            return name;
        }
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> sb.appendCodePoint(Character.toUpperCase(cp)));
        return sb.toString();
    }

    boolean same(String a, String b) {
        return fold(a).equals(fold(b));
    }

    /** The bucket of {@code name}: a keyed 63-bit hash of its folded UTF-8 bytes, never 0. */
    long hash(String name) {
        byte[] b = fold(name).getBytes(StandardCharsets.UTF_8);
        long h = seed ^ (b.length * 0x9E3779B97F4A7C15L);
        for (int i = 0; i < b.length; i += 8) {
            long w = 0;
            for (int j = i; j < Math.min(b.length, i + 8); j++) {
                w = (w << 8) | (b[j] & 0xff);
            }
            h = mix(h ^ w) * 0xC2B2AE3D27D4EB4FL;
        }
        long r = mix(h) >>> 1;
        return r == 0 ? 1 : r;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xFF51AFD7ED558CCDL;
        z = (z ^ (z >>> 33)) * 0xC4CEB9FE1A85EC53L;
        return z ^ (z >>> 33);
    }
}
