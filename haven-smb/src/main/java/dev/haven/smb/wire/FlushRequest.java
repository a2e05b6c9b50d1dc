package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.17: SMB2 FLUSH Request. StructureSize (24), Reserved1 (2), Reserved2 (4), FileId (16). */
public record FlushRequest(Smb2FileId fileId) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 24;

    static FlushRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(6);
        return new FlushRequest(Smb2FileId.decode(r));
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0).u32(0);
        fileId.encode(w);
    }
}
