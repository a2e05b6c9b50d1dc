package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.22: SMB2 WRITE Response. StructureSize (17), Reserved (2), Count (4),
 * Remaining (4), WriteChannelInfoOffset (2), WriteChannelInfoLength (2).
 */
public record WriteResponse(int count) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 17;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0).u32(count).u32(0).u16(0).u16(0);
    }
}
