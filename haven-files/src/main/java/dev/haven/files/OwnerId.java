package dev.haven.files;

/**
 * The owner of a byte-range lock inside an open: [MS-FSA] 2.1.5.8 calls it the LockKey. SMB2
 * locks are owned by the open alone and use {@link #NONE}; an NFSv4 lock-owner maps to its own
 * value, so two lock-owners sharing one open still conflict with each other.
 *
 * @param value the 64-bit owner key (compared as an opaque value)
 */
public record OwnerId(long value) {
    /** The owner of every lock taken through a protocol without lock-owners (SMB2). */
    public static final OwnerId NONE = new OwnerId(0);

    @Override
    public String toString() {
        return "owner " + Long.toHexString(value);
    }
}
