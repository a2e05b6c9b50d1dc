package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.20: SMB2 READ Response. StructureSize (17), DataOffset (1), Reserved (1),
 * DataLength (4), DataRemaining (4), Reserved2 (4), Buffer. The first {@code length} bytes of
 * {@code data} are sent; the array is handed over, not copied (it is large and used once).
 */
public record ReadResponse(byte[] data, int length) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 17;
    /** Data follows the 16 fixed bytes at offset 0x50 from the header. */
    public static final int DATA_OFFSET = Smb2Header.SIZE + 16;

    /** Checks the length. */
    public ReadResponse {
        if (length < 0 || length > data.length) {
            throw new IllegalArgumentException("length " + length);
        }
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(DATA_OFFSET).u8(0).u32(length).u32(0).u32(0).bytes(data, 0, length);
    }

    @Override
    public int sizeHint() {
        return 16 + length;
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
