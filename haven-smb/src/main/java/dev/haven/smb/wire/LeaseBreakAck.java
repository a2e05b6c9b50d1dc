package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.24.2 Lease Break Acknowledgment and 2.2.25.2 Lease Break Response: one layout
 * for both. StructureSize (36), Reserved (2), Flags (4), LeaseKey (16), LeaseState (4),
 * LeaseDuration (8).
 *
 * @param flags      reserved, 0 (kept as received)
 * @param leaseKey   the lease key
 * @param leaseState the state acknowledged (ack) or now held (response)
 */
public record LeaseBreakAck(int flags, Smb2LeaseKey leaseKey, int leaseState) implements Smb2Request, Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 36;

    static LeaseBreakAck decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(2);
        int flags = r.u32();
        Smb2LeaseKey key = Smb2LeaseKey.decode(r);
        int state = r.u32();
        r.skip(8);
        return new LeaseBreakAck(flags, key, state);
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0).u32(flags);
        leaseKey.encode(w);
        w.u32(leaseState).u64(0);
    }
}
