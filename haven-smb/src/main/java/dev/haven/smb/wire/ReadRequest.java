package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.19: SMB2 READ Request. StructureSize (49), Padding (1), Flags (1), Length (4),
 * Offset (8), FileId (16), MinimumCount (4), Channel (4), RemainingBytes (4),
 * ReadChannelInfoOffset (2), ReadChannelInfoLength (2), Buffer (ignored: no RDMA channels).
 */
public record ReadRequest(int padding, int flags, int length, long offset, Smb2FileId fileId, int minimumCount)
        implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 49;

    static ReadRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int padding = r.u8();
        int flags = r.u8();
        int length = r.u32();
        long offset = r.u64();
        Smb2FileId id = Smb2FileId.decode(r);
        int minimum = r.u32();
        return new ReadRequest(padding, flags, length, offset, id, minimum);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(padding).u8(flags).u32(length).u64(offset);
        fileId.encode(w);
        w.u32(minimumCount).u32(0).u32(0).u16(0).u16(0).u8(0);
    }
}
