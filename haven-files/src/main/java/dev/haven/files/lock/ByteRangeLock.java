package dev.haven.files.lock;

import dev.haven.files.OpenId;
import dev.haven.files.OwnerId;

/**
 * A granted byte-range lock ([MS-FSA] 2.1.1.5 ByteRangeLock: OwnerOpen, LockKey, offset, length,
 * IsExclusive).
 *
 * @param open      the owning open
 * @param owner     the lock owner inside the open (the LockKey)
 * @param range     the bytes locked
 * @param exclusive exclusive (write) or shared (read) lock
 */
public record ByteRangeLock(OpenId open, OwnerId owner, LockRange range, boolean exclusive) {

    /**
     * True if an access to {@code range} by {@code (open, owner)} conflicts with this lock:
     * [MS-FSA] 2.1.4.10. {@code exclusiveIntent} is an exclusive lock request or a write;
     * {@code lockIntent} tells a lock request from I/O.
     */
    public boolean conflicts(OpenId open, OwnerId owner, LockRange range, boolean exclusiveIntent, boolean lockIntent) {
        if (!this.range.overlaps(range)) {
            return false;
        }
        if (exclusive) {
            // Another holder's exclusive lock blocks everything; the holder itself may read, write
            // and take shared locks inside it, but not a second overlapping exclusive lock.
            boolean sameHolder = this.open.equals(open) && this.owner.equals(owner);
            return !sameHolder || (exclusiveIntent && lockIntent);
        }
        // A shared lock blocks every access with exclusive intent, even its own holder's writes.
        return exclusiveIntent;
    }
}
