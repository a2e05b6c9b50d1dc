package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.15: SMB2 CLOSE Request. StructureSize (24), Flags (2), Reserved (4), FileId (16). */
public record CloseRequest(int flags, Smb2FileId fileId) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 24;
    /** Flags SMB2_CLOSE_FLAG_POSTQUERY_ATTRIB. */
    public static final int POSTQUERY_ATTRIB = 0x0001;

    static CloseRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int flags = r.u16();
        r.skip(4);
        return new CloseRequest(flags, Smb2FileId.decode(r));
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(flags).u32(0);
        fileId.encode(w);
    }
}
