package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.13.2.8 LeaseKey: the 16 bytes a client names a lease by, as two little-endian
 * 64-bit halves (so the records that carry one stay plain values).
 *
 * @param first  bytes 0-7
 * @param second bytes 8-15
 */
public record Smb2LeaseKey(long first, long second) {
    /** Reads 16 bytes. */
    public static Smb2LeaseKey decode(WireReader r) throws MalformedMessageException {
        return new Smb2LeaseKey(r.u64(), r.u64());
    }

    /** Writes 16 bytes. */
    public void encode(WireWriter w) {
        w.u64(first).u64(second);
    }
}
