package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.23.1 Oplock Break Notification, 2.2.24.1 Oplock Break Acknowledgment and 2.2.25.1
 * Oplock Break Response: one layout for all three. StructureSize (24), OplockLevel (1),
 * Reserved (1), Reserved2 (4), FileId (16).
 *
 * @param oplockLevel the level broken to (notification), acknowledged (ack) or now held (response)
 * @param fileId      the open
 */
public record OplockBreak(int oplockLevel, Smb2FileId fileId) implements Smb2Request, Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 24;

    static OplockBreak decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int level = r.u8();
        r.skip(5);
        return new OplockBreak(level, Smb2FileId.decode(r));
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(oplockLevel).u8(0).u32(0);
        fileId.encode(w);
    }
}
