package dev.haven.files.lease;

/**
 * The operations of another open that break caching, and the caching each leaves behind. The
 * table follows [MS-FSA] 2.1.4.12 and the Windows oplock break conditions per operation
 * (CREATE, READ, WRITE, LOCK_CONTROL).
 */
public enum BreakCause {
    /** An open of the file by another key: write caching goes ([MS-FSA] 2.1.4.12, Operation OPEN). */
    OPEN(LeaseState.WRITE_CACHING),
    /**
     * An open that asks only for attributes, READ_CONTROL and SYNCHRONIZE: a stat open for
     * leases, which keep their caching, but not for oplocks, which lose write caching as for
     * {@link #OPEN} (Windows and Samba: smb2.lease.statopen4, smb2.oplock's stat opens).
     */
    OPLOCK_ONLY_OPEN(LeaseState.WRITE_CACHING),
    /** An open with disposition SUPERSEDE, OVERWRITE or OVERWRITE_IF: all caching goes. */
    OPEN_OVERWRITE(LeaseState.READ_CACHING | LeaseState.WRITE_CACHING | LeaseState.HANDLE_CACHING),
    /**
     * An open that would fail with a sharing violation, or a rename or delete of the file: handle
     * caching goes so the holder can close its cached handles ([MS-SMB2] 3.3.5.9, [MS-FSA] 2.1.5.1.2).
     */
    HANDLE_CONFLICT(LeaseState.HANDLE_CACHING),
    /** A read by another key: write caching goes ([MS-FSA] 2.1.4.12, Operation READ). */
    READ(LeaseState.WRITE_CACHING),
    /** A write, truncate or zeroing by another key: all caching goes ([MS-FSA] 2.1.4.12, Operation WRITE). */
    WRITE(LeaseState.READ_CACHING | LeaseState.WRITE_CACHING | LeaseState.HANDLE_CACHING),
    /** A byte-range lock or unlock by another key: all caching goes ([MS-FSA] 2.1.4.12, LOCK_CONTROL). */
    LOCK(LeaseState.READ_CACHING | LeaseState.WRITE_CACHING | LeaseState.HANDLE_CACHING);

    private final int removes;

    BreakCause(int removes) {
        this.removes = removes;
    }

    /** The caching a holder of {@code current} keeps after this operation. */
    LeaseState leaseTarget(LeaseState current) {
        return normalize(current.without(removes));
    }

    /** A lease holds no H or W without R ([MS-SMB2] 3.3.1.12), so a state that lost R loses everything. */
    static LeaseState normalize(LeaseState state) {
        return state.has(LeaseState.READ_CACHING) ? state : LeaseState.NONE;
    }

    /** The oplock break from {@code current} towards {@code target}: LEVEL_II (R) or NONE, or no break at all. */
    static LeaseState toOplockBreak(LeaseState current, LeaseState target) {
        if (target.equals(current)) {
            return current;
        }
        return target.has(LeaseState.READ_CACHING) ? LeaseState.R : LeaseState.NONE;
    }

    /**
     * The caching an oplock holder keeps: the lease target projected onto what an oplock break
     * may announce, LEVEL_II or NONE ([MS-SMB2] 2.2.23.1); unchanged if the operation takes nothing.
     */
    LeaseState oplockTarget(LeaseState current) {
        return toOplockBreak(current, leaseTarget(current));
    }

    /**
     * True if the operation must wait for the acknowledgment of a break from {@code from} towards
     * {@code breakTo}, when it needs the holder at {@code needed}. Breaks from write caching hold
     * back every operation (dirty data must be flushed first), except that a byte-range lock
     * waits for an RWH lease only as long as for an RH one; a break of handle caching alone holds
     * back opens but not writes or locks (Windows oplock break conditions for IRP_MJ_WRITE and
     * IRP_MJ_LOCK_CONTROL), and not an overwriting open either once the break already goes as
     * far as it needs (Windows and Samba: smb2.lease.breaking4; the break still asks for an
     * ack). Breaks from read caching alone need no ack at all.
     */
    boolean waitsForAck(LeaseState from, LeaseState breakTo, LeaseState needed, boolean lease) {
        boolean write = from.has(LeaseState.WRITE_CACHING);
        boolean handle = from.has(LeaseState.HANDLE_CACHING);
        return switch (this) {
            case WRITE -> write;
            case LOCK -> write && !(lease && handle);
            case OPEN_OVERWRITE -> write || handle && !(lease && breakTo.isSubsetOf(needed));
            case OPEN, OPLOCK_ONLY_OPEN, HANDLE_CONFLICT, READ -> write || handle;
        };
    }
}
