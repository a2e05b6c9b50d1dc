package dev.haven.files.lock;

/**
 * The lock-sequence replay table of one open ([MS-SMB2] 3.3.1.10 Open.LockSequenceArray and
 * 3.3.5.14): 64 buckets, each remembering the last 4-bit sequence number that succeeded in it, so
 * that a LOCK request replayed on a new channel after a network failure is not applied twice.
 * Used only for resilient, durable or persistent opens on dialects after 2.0.2 (the caller
 * decides). Not thread-safe: the caller holds the open's request ordering.
 *
 * <pre>
 * LockSequence (32 bits, [MS-SMB2] 2.2.26):  bits 0-3  LockSequenceNumber
 *                                             bits 4-31 LockSequenceIndex (1..64 valid)
 * </pre>
 */
public final class LockSequenceTable {
    private static final int BUCKETS = 64;
    private final boolean[] valid = new boolean[BUCKETS];
    private final byte[] sequence = new byte[BUCKETS];

    /** True if the request is a replay of one that already succeeded: answer success, do nothing. */
    public boolean isReplay(int lockSequence) {
        int index = bucket(lockSequence);
        return index >= 0 && valid[index] && sequence[index] == number(lockSequence);
    }

    /** Marks the bucket invalid before the request is processed, so a failure leaves no stale entry. */
    public void beginProcessing(int lockSequence) {
        int index = bucket(lockSequence);
        if (index >= 0) {
            valid[index] = false;
        }
    }

    /** Records that the request succeeded. */
    public void recordSuccess(int lockSequence) {
        int index = bucket(lockSequence);
        if (index >= 0) {
            valid[index] = true;
            sequence[index] = (byte) number(lockSequence);
        }
    }

    private static int number(int lockSequence) {
        return lockSequence & 0xF;
    }

    /** The array index for LockSequenceIndex 1..64, or -1 when the request does not use replay detection. */
    private static int bucket(int lockSequence) {
        int index = lockSequence >>> 4;
        return index >= 1 && index <= BUCKETS ? index - 1 : -1;
    }
}
