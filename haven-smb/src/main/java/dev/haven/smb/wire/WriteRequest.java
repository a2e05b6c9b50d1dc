package dev.haven.smb.wire;

import java.nio.ByteBuffer;

/**
 * [MS-SMB2] 2.2.21: SMB2 WRITE Request. StructureSize (49), DataOffset (2), Length (4),
 * Offset (8), FileId (16), Channel (4), RemainingBytes (4), WriteChannelInfoOffset (2),
 * WriteChannelInfoLength (2), Flags (4), Buffer. {@code data} is a read-only view of the request
 * bytes (no copy).
 */
public record WriteRequest(long offset, Smb2FileId fileId, int flags, ByteBuffer data) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 49;
    /** Flags SMB2_WRITEFLAG_WRITE_THROUGH. */
    public static final int WRITE_THROUGH = 0x00000001;
    private static final int FIXED_END = Smb2Header.SIZE + 48;

    static WriteRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int dataOffset = r.u16();
        long length = Integer.toUnsignedLong(r.u32());
        long offset = r.u64();
        Smb2FileId id = Smb2FileId.decode(r);
        r.skip(12);
        int flags = r.u32();
        return new WriteRequest(offset, id, flags, r.view(dataOffset, length, FIXED_END));
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        ByteBuffer d = data.duplicate();
        byte[] bytes = new byte[d.remaining()];
        d.get(bytes);
        w.u16(STRUCTURE_SIZE).u16(FIXED_END).u32(bytes.length).u64(offset);
        fileId.encode(w);
        w.u32(0).u32(0).u16(0).u16(0).u32(flags).bytes(bytes);
    }
}
