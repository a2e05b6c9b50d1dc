package dev.haven.smb.wire;

import java.nio.ByteBuffer;

/**
 * [MS-SMB2] 2.2.20: SMB2 READ Response. StructureSize (17), DataOffset (1), Reserved (1),
 * DataLength (4), DataRemaining (4), Reserved2 (4), Buffer. The remaining bytes of {@code data}
 * are sent; {@code data} may be direct memory the data was read into, which a server can send
 * after the header and {@link #encodeFields fixed fields} without copying it.
 */
public record ReadResponse(ByteBuffer data) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 17;
    /** Data follows the 16 fixed bytes at offset 0x50 from the header. */
    public static final int DATA_OFFSET = Smb2Header.SIZE + 16;

    /** The first {@code length} bytes of {@code data}. */
    public ReadResponse(byte[] data, int length) {
        this(ByteBuffer.wrap(data, 0, length));
    }

    /** Bytes of data. */
    public int length() {
        return data.remaining();
    }

    /** A copy of the data. */
    public byte[] bytes() {
        byte[] b = new byte[data.remaining()];
        data.get(data.position(), b);
        return b;
    }

    /** The 16 fixed bytes that come before the data. */
    public void encodeFields(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(DATA_OFFSET).u8(0).u32(length()).u32(0).u32(0);
    }

    @Override
    public void encodeBody(WireWriter w) {
        encodeFields(w);
        w.bytes(data.duplicate());
    }

    @Override
    public int sizeHint() {
        return 16 + length();
    }

    /** Decodes a response body (used by tests and clients). */
    public static ReadResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int offset = r.u8();
        r.skip(1);
        long length = Integer.toUnsignedLong(r.u32());
        byte[] data = r.buffer(offset, length, DATA_OFFSET);
        return new ReadResponse(data, data.length);
    }
}
