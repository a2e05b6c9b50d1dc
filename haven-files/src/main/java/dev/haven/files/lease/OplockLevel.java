package dev.haven.files.lease;

/**
 * The classic oplock levels of [MS-SMB2] 2.2.13 RequestedOplockLevel, with their wire codes and
 * the caching state each stands for ([MS-FSA] 2.1.5.18: Level II = read, Level 1 (exclusive) =
 * read and write, Batch = read, write and handle caching).
 */
public enum OplockLevel {
    /** SMB2_OPLOCK_LEVEL_NONE. */
    NONE(0x00, LeaseState.NONE),
    /** SMB2_OPLOCK_LEVEL_II: shared read caching. */
    LEVEL_II(0x01, LeaseState.R),
    /** SMB2_OPLOCK_LEVEL_EXCLUSIVE: read and write caching for one open. */
    EXCLUSIVE(0x08, LeaseState.RW),
    /** SMB2_OPLOCK_LEVEL_BATCH: exclusive plus handle caching. */
    BATCH(0x09, LeaseState.RWH);

    private final int code;
    private final LeaseState caching;

    OplockLevel(int code, LeaseState caching) {
        this.code = code;
        this.caching = caching;
    }

    /** The wire code. */
    public int code() {
        return code;
    }

    /** The caching state this level grants. */
    public LeaseState caching() {
        return caching;
    }

    /**
     * The level a holder of {@code state} has: the highest level whose caching fits in it. Breaks
     * of an oplock go only to LEVEL_II or NONE ([MS-SMB2] 2.2.23.1), which this also yields for
     * the states a break leaves (R, RH, NONE).
     */
    static OplockLevel fromCaching(LeaseState state) {
        for (OplockLevel l : new OplockLevel[] {BATCH, EXCLUSIVE, LEVEL_II}) {
            if (l.caching.isSubsetOf(state)) {
                return l;
            }
        }
        return NONE;
    }
}
