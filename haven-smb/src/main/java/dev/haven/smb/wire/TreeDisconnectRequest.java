package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.11 SMB2 TREE_DISCONNECT Request: StructureSize (4) and Reserved (2). */
public record TreeDisconnectRequest() implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 4;

    static TreeDisconnectRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(2);
        return new TreeDisconnectRequest();
    }

    /** Writes the body. */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0);
    }
}
