package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.29 SMB2 ECHO Response: StructureSize (4) and Reserved (2). */
public record EchoResponse() implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 4;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0);
    }

    /** Decodes the body (used by tests and clients). */
    public static EchoResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(2);
        return new EchoResponse();
    }
}
