package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.23.2 Lease Break Notification. StructureSize (44), NewEpoch (2), Flags (4),
 * LeaseKey (16), CurrentLeaseState (4), NewLeaseState (4), BreakReason (4), AccessMaskHint (4),
 * ShareMaskHint (4); the last three are 0.
 *
 * @param newEpoch          the lease's epoch after the break (v2 leases; 0 for v1)
 * @param flags             {@link #ACK_REQUIRED} or 0
 * @param leaseKey          the lease key, 16 bytes
 * @param currentLeaseState the state held
 * @param newLeaseState     the state to break to
 */
public record LeaseBreakNotification(int newEpoch, int flags, byte[] leaseKey, int currentLeaseState,
        int newLeaseState) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 44;
    /** SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED. */
    public static final int ACK_REQUIRED = 0x01;

    /** Copies the key, which must have 16 bytes. */
    public LeaseBreakNotification {
        if (leaseKey.length != 16) {
            throw new IllegalArgumentException("a lease key has 16 bytes");
        }
        leaseKey = leaseKey.clone();
    }

    @Override
    public byte[] leaseKey() {
        return leaseKey.clone();
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(newEpoch).u32(flags).bytes(leaseKey).u32(currentLeaseState).u32(newLeaseState)
                .u32(0).u32(0).u32(0);
    }

    /** Decodes a body (used by tests and clients). */
    public static LeaseBreakNotification decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int epoch = r.u16();
        int flags = r.u32();
        byte[] key = r.bytes(16);
        int current = r.u32();
        int next = r.u32();
        r.skip(12);
        return new LeaseBreakNotification(epoch, flags, key, current, next);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeaseBreakNotification n && n.newEpoch == newEpoch && n.flags == flags
                && java.util.Arrays.equals(n.leaseKey, leaseKey) && n.currentLeaseState == currentLeaseState
                && n.newLeaseState == newLeaseState;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(leaseKey) * 31 + newLeaseState;
    }

    @Override
    public String toString() {
        return "LeaseBreakNotification[epoch=" + newEpoch + ", flags=" + flags + ", " + currentLeaseState + "->"
                + newLeaseState + "]";
    }
}
