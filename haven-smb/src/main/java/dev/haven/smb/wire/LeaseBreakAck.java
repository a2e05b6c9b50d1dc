package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.24.2 Lease Break Acknowledgment and 2.2.25.2 Lease Break Response: one layout
 * for both. StructureSize (36), Reserved (2), Flags (4), LeaseKey (16), LeaseState (4),
 * LeaseDuration (8).
 *
 * @param flags      reserved, 0 (kept as received)
 * @param leaseKey   the lease key, 16 bytes
 * @param leaseState the state acknowledged (ack) or now held (response)
 */
public record LeaseBreakAck(int flags, byte[] leaseKey, int leaseState) implements Smb2Request, Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 36;

    /** Copies the key, which must have 16 bytes. */
    public LeaseBreakAck {
        if (leaseKey.length != 16) {
            throw new IllegalArgumentException("a lease key has 16 bytes");
        }
        leaseKey = leaseKey.clone();
    }

    @Override
    public byte[] leaseKey() {
        return leaseKey.clone();
    }

    static LeaseBreakAck decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(2);
        int flags = r.u32();
        byte[] key = r.bytes(16);
        int state = r.u32();
        r.skip(8);
        return new LeaseBreakAck(flags, key, state);
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(0).u32(flags).bytes(leaseKey).u32(leaseState).u64(0);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LeaseBreakAck a && a.flags == flags && java.util.Arrays.equals(a.leaseKey, leaseKey)
                && a.leaseState == leaseState;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(leaseKey) * 31 + leaseState;
    }

    @Override
    public String toString() {
        return "LeaseBreakAck[flags=" + flags + ", leaseState=" + leaseState + "]";
    }
}
