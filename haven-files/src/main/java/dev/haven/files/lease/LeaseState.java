package dev.haven.files.lease;

/**
 * A caching state: a combination of read (R), handle (H) and write (W) caching with the wire
 * values of [MS-SMB2] 2.2.13.2.8 LeaseState. Also the internal form of an oplock level.
 *
 * @param bits a combination of {@link #READ_CACHING}, {@link #HANDLE_CACHING}, {@link #WRITE_CACHING}
 */
public record LeaseState(int bits) {
    /** SMB2_LEASE_READ_CACHING. */
    public static final int READ_CACHING = 0x1;
    /** SMB2_LEASE_HANDLE_CACHING. */
    public static final int HANDLE_CACHING = 0x2;
    /** SMB2_LEASE_WRITE_CACHING. */
    public static final int WRITE_CACHING = 0x4;

    /** No caching. */
    public static final LeaseState NONE = new LeaseState(0);
    /** Read caching. */
    public static final LeaseState R = new LeaseState(READ_CACHING);
    /** Read and handle caching. */
    public static final LeaseState RH = new LeaseState(READ_CACHING | HANDLE_CACHING);
    /** Read and write caching. */
    public static final LeaseState RW = new LeaseState(READ_CACHING | WRITE_CACHING);
    /** Read, write and handle caching. */
    public static final LeaseState RWH = new LeaseState(READ_CACHING | WRITE_CACHING | HANDLE_CACHING);

    /** Keeps only the three caching bits, as a server does with reserved bits it receives. */
    public LeaseState {
        bits &= READ_CACHING | HANDLE_CACHING | WRITE_CACHING;
    }

    /** Returns the state of the given wire bits. */
    public static LeaseState of(int bits) {
        return new LeaseState(bits);
    }

    /**
     * True for the states a file lease may have: NONE, R, RH, RW, RWH ([MS-SMB2] 3.3.1.12,
     * [MS-FSA] 2.1.5.18: H or W without R is not a legal combination).
     */
    public boolean isValid() {
        return bits == 0 || has(READ_CACHING);
    }

    /** True if the given caching bit(s) are all held. */
    public boolean has(int flags) {
        return (bits & flags) == flags;
    }

    /** True if every bit of this state is also in {@code other}. */
    public boolean isSubsetOf(LeaseState other) {
        return (bits & ~other.bits) == 0;
    }

    /** The bits held in both states. */
    public LeaseState intersect(LeaseState other) {
        return new LeaseState(bits & other.bits);
    }

    /** The bits held in either state. */
    public LeaseState union(LeaseState other) {
        return new LeaseState(bits | other.bits);
    }

    /** This state without the given caching bit(s). */
    public LeaseState without(int flags) {
        return new LeaseState(bits & ~flags);
    }

    @Override
    public String toString() {
        if (bits == 0) {
            return "NONE";
        }
        return (has(READ_CACHING) ? "R" : "") + (has(WRITE_CACHING) ? "W" : "") + (has(HANDLE_CACHING) ? "H" : "");
    }
}
