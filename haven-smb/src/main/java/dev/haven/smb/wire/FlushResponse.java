package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.18: SMB2 FLUSH Response. StructureSize (4), Reserved (2). */
public record FlushResponse() implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 4;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0);
    }
}
