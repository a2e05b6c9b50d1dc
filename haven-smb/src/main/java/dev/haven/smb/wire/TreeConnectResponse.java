package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.10: SMB2 TREE_CONNECT Response. StructureSize (16), ShareType (1),
 * Reserved (1), ShareFlags (4), Capabilities (4), MaximalAccess (4).
 */
public record TreeConnectResponse(int shareType, int shareFlags, int capabilities, int maximalAccess)
        implements Smb2Response {
    /** [MS-SMB2] 2.2.10 SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY. */
    public static final int SHARE_CAP_CONTINUOUS_AVAILABILITY = 0x10;
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 16;
    /** ShareType: a disk share. */
    public static final int SHARE_TYPE_DISK = 0x01;
    /** ShareType: a named pipe share (IPC$). */
    public static final int SHARE_TYPE_PIPE = 0x02;
    /** ShareFlags: the server requires encryption on this share (3.x). */
    public static final int SHARE_FLAG_ENCRYPT_DATA = 0x00008000;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(shareType).u8(0).u32(shareFlags).u32(capabilities).u32(maximalAccess);
    }

    /** Decodes a response body (used by tests and clients). */
    public static TreeConnectResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int type = r.u8();
        r.skip(1);
        return new TreeConnectResponse(type, r.u32(), r.u32(), r.u32());
    }
}
