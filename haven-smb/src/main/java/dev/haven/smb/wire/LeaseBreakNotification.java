package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.23.2 Lease Break Notification. StructureSize (44), NewEpoch (2), Flags (4),
 * LeaseKey (16), CurrentLeaseState (4), NewLeaseState (4), BreakReason (4), AccessMaskHint (4),
 * ShareMaskHint (4); the last three are 0.
 *
 * @param newEpoch          the lease's epoch after the break (v2 leases; 0 for v1)
 * @param flags             {@link #ACK_REQUIRED} or 0
 * @param leaseKey          the lease key
 * @param currentLeaseState the state held
 * @param newLeaseState     the state to break to
 */
public record LeaseBreakNotification(int newEpoch, int flags, Smb2LeaseKey leaseKey, int currentLeaseState,
        int newLeaseState) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 44;
    /** SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED. */
    public static final int ACK_REQUIRED = 0x01;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(newEpoch).u32(flags);
        leaseKey.encode(w);
        w.u32(currentLeaseState).u32(newLeaseState).u32(0).u32(0).u32(0);
    }

    /** Decodes a body (used by tests and clients). */
    public static LeaseBreakNotification decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int epoch = r.u16();
        int flags = r.u32();
        Smb2LeaseKey key = Smb2LeaseKey.decode(r);
        int current = r.u32();
        int next = r.u32();
        r.skip(12);
        return new LeaseBreakNotification(epoch, flags, key, current, next);
    }
}
