package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;

/**
 * Bounds-checked little-endian reads from one SMB2 message. Index 0 is the first byte of the
 * SMB2 header, because every offset field in [MS-SMB2] 2.2 counts from there.
 */
public final class WireReader {
    private final byte[] bytes;
    private final int start;
    private final int length;
    /** Bytes that follow the array in the message, held elsewhere (a WRITE's data); or null. */
    private final java.nio.ByteBuffer trailing;
    private int position;

    /** Reads {@code length} bytes of {@code bytes} starting at {@code start}. */
    public WireReader(byte[] bytes, int start, int length) {
        if (start < 0 || length < 0 || start + length > bytes.length) {
            throw new IllegalArgumentException("slice outside array");
        }
        this.bytes = bytes;
        this.start = start;
        this.length = length;
        this.trailing = null;
    }

    /**
     * Reads a message whose last bytes, {@code trailing}, are held apart from {@code head}: fields
     * are read from the head only, and {@link #view} of exactly the trailing range (offset
     * {@code head.length}, all of it) returns the trailing bytes without a copy.
     */
    public WireReader(byte[] head, java.nio.ByteBuffer trailing) {
        this.bytes = head;
        this.start = 0;
        this.length = head.length;
        this.trailing = trailing;
    }

    /** Reads a whole array. */
    public WireReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Number of bytes in the message. */
    public int length() {
        return length;
    }

    /** The current read index. */
    public int position() {
        return position;
    }

    /** Moves the read index; it must stay inside the message. */
    public WireReader position(int newPosition) throws MalformedMessageException {
        if (newPosition < 0 || newPosition > length) {
            throw MalformedMessageException.body("position " + newPosition + " outside message of " + length);
        }
        position = newPosition;
        return this;
    }

    private int take(int n) throws MalformedMessageException {
        if (n > length - position) {
            throw MalformedMessageException.body("truncated: need " + n + " bytes at " + position + " of " + length);
        }
        int at = start + position;
        position += n;
        return at;
    }

    /** An unsigned byte. */
    public int u8() throws MalformedMessageException {
        return bytes[take(1)] & 0xFF;
    }

    /** An unsigned 16-bit value. */
    public int u16() throws MalformedMessageException {
        int at = take(2);
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8;
    }

    /** A 32-bit value (callers treat it as unsigned where the spec says so). */
    public int u32() throws MalformedMessageException {
        int at = take(4);
        return (bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8 | (bytes[at + 2] & 0xFF) << 16
                | (bytes[at + 3] & 0xFF) << 24;
    }

    /** A 64-bit value. */
    public long u64() throws MalformedMessageException {
        long low = u32() & 0xFFFFFFFFL;
        long high = u32() & 0xFFFFFFFFL;
        return low | high << 32;
    }

    /** {@code n} bytes from the current position. */
    public byte[] bytes(int n) throws MalformedMessageException {
        if (n < 0) {
            throw MalformedMessageException.body("negative length " + n);
        }
        int at = take(n);
        byte[] out = new byte[n];
        System.arraycopy(bytes, at, out, 0, n);
        return out;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n) throws MalformedMessageException {
        take(n);
    }

    /**
     * The buffer an offset/length pair names ([MS-SMB2] 2.2: offsets count from the header).
     * A zero length yields an empty array whatever the offset says; otherwise the range must lie
     * in the message and after {@code minOffset} (the end of the fixed part).
     */
    public byte[] buffer(long offset, long count, int minOffset) throws MalformedMessageException {
        if (count == 0) {
            return new byte[0];
        }
        if (offset < minOffset || count < 0 || offset + count > length) {
            throw MalformedMessageException.body("buffer [" + offset + ", +" + count + ") outside message of " + length);
        }
        byte[] out = new byte[(int) count];
        System.arraycopy(bytes, start + (int) offset, out, 0, (int) count);
        return out;
    }

    /**
     * A read-only view of the buffer an offset/length pair names, without copying (WRITE data);
     * the same checks as {@link #buffer}.
     */
    public java.nio.ByteBuffer view(long offset, long count, int minOffset) throws MalformedMessageException {
        if (count == 0) {
            return java.nio.ByteBuffer.allocate(0).asReadOnlyBuffer();
        }
        if (trailing != null && offset == length && offset >= minOffset && count == trailing.remaining()) {
            return trailing.asReadOnlyBuffer();
        }
        if (offset < minOffset || count < 0 || offset + count > length) {
            throw MalformedMessageException.body("buffer [" + offset + ", +" + count + ") outside message of " + length);
        }
        return java.nio.ByteBuffer.wrap(bytes, start + (int) offset, (int) count).slice().asReadOnlyBuffer();
    }

    /** Decodes UTF-16LE, as SMB2 carries every name. */
    public static String utf16(byte[] raw) throws MalformedMessageException {
        if (raw.length % 2 != 0) {
            throw MalformedMessageException.body("odd UTF-16 length " + raw.length);
        }
        return new String(raw, StandardCharsets.UTF_16LE);
    }
}
