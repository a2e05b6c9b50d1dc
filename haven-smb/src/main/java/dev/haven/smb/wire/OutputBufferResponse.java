package dev.haven.smb.wire;

/**
 * The shape shared by [MS-SMB2] 2.2.34 QUERY_DIRECTORY and 2.2.38 QUERY_INFO responses:
 * StructureSize (9), OutputBufferOffset (2), OutputBufferLength (4), Buffer.
 */
final class OutputBufferResponse {
    static final int STRUCTURE_SIZE = 9;
    static final int BUFFER_OFFSET = Smb2Header.SIZE + 8;

    private OutputBufferResponse() {
    }

    static void encode(WireWriter w, byte[] buffer) {
        w.u16(STRUCTURE_SIZE).u16(buffer.length == 0 ? 0 : BUFFER_OFFSET).u32(buffer.length);
        if (buffer.length == 0) {
            w.u8(0);
        } else {
            w.bytes(buffer);
        }
    }

    static byte[] decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int offset = r.u16();
        long length = Integer.toUnsignedLong(r.u32());
        return r.buffer(offset, length, BUFFER_OFFSET);
    }
}
