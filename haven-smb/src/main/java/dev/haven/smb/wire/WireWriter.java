package dev.haven.smb.wire;

import java.util.Arrays;

/** A growing little-endian writer; index 0 is the first byte of the SMB2 header. */
public final class WireWriter {
    private byte[] bytes;
    private int position;

    /** An empty writer. */
    public WireWriter() {
        this(256);
    }

    /** An empty writer with room for {@code capacity} bytes before it grows. */
    public WireWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    /** Moves past {@code n} bytes that are already in place. */
    public WireWriter skip(int n) {
        ensure(n);
        position += n;
        return this;
    }

    private void ensure(int n) {
        if (position + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, position + n));
        }
    }

    /** The write index, which is also the offset of the next byte from the header start. */
    public int position() {
        return position;
    }

    /** Writes one byte. */
    public WireWriter u8(int v) {
        ensure(1);
        bytes[position++] = (byte) v;
        return this;
    }

    /** Writes a 16-bit value. */
    public WireWriter u16(int v) {
        ensure(2);
        bytes[position++] = (byte) v;
        bytes[position++] = (byte) (v >>> 8);
        return this;
    }

    /** Writes a 32-bit value. */
    public WireWriter u32(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            bytes[position++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    /** Writes a 64-bit value. */
    public WireWriter u64(long v) {
        u32((int) v);
        return u32((int) (v >>> 32));
    }

    /** Writes raw bytes. */
    public WireWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, position, b.length);
        position += b.length;
        return this;
    }

    /** Writes the remaining bytes of {@code b}, moving its position to its limit. */
    public WireWriter bytes(java.nio.ByteBuffer b) {
        int n = b.remaining();
        ensure(n);
        b.get(bytes, position, n);
        position += n;
        return this;
    }

    /** Writes {@code length} bytes of {@code b} from {@code offset}. */
    public WireWriter bytes(byte[] b, int offset, int length) {
        ensure(length);
        System.arraycopy(b, offset, bytes, position, length);
        position += length;
        return this;
    }

    /** Writes zero bytes until the position is a multiple of {@code alignment}. */
    public WireWriter align(int alignment) {
        while (position % alignment != 0) {
            u8(0);
        }
        return this;
    }

    /** Overwrites a 32-bit value at an earlier index. */
    public void u32At(int index, int v) {
        for (int i = 0; i < 4; i++) {
            bytes[index + i] = (byte) (v >>> (8 * i));
        }
    }

    /**
     * What was written, without a copy when the writer is exactly full (a READ response of up to
     * 8 MiB sized by its sizeHint); the writer must not be used afterwards.
     */
    public byte[] detach() {
        return position == bytes.length ? bytes : Arrays.copyOf(bytes, position);
    }

    /** A copy of what was written. */
    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, position);
    }
}
