package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.40: SMB2 SET_INFO Response. StructureSize (2). */
public record SetInfoResponse() implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 2;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE);
    }
}
