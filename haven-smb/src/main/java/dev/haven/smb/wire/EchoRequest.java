package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.28 SMB2 ECHO Request: StructureSize (4) and Reserved (2). */
public record EchoRequest() implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 4;

    static EchoRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(2);
        return new EchoRequest();
    }

    /** Writes the body. */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0);
    }
}
