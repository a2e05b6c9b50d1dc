package dev.haven.files.lease;

import dev.haven.files.ClientGuid;
import dev.haven.files.FileKey;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;

/** A break the front-end must send to a client: an oplock break or a lease break. */
public sealed interface BreakNotification permits BreakNotification.OplockBreak, BreakNotification.LeaseBreak {

    /** The file whose caching is broken. */
    FileKey file();

    /** True if the client must acknowledge before the break completes. */
    boolean ackRequired();

    /**
     * [MS-SMB2] 2.2.23.1 Oplock Break Notification, sent to the connection of the open.
     *
     * @param file        the file
     * @param open        the open whose oplock breaks
     * @param from        the level held
     * @param to          the level the client must go down to (LEVEL_II or NONE)
     * @param ackRequired whether an acknowledgment ([MS-SMB2] 2.2.24.1) is awaited
     */
    record OplockBreak(FileKey file, OpenId open, OplockLevel from, OplockLevel to, boolean ackRequired)
            implements BreakNotification {}

    /**
     * [MS-SMB2] 2.2.23.2 Lease Break Notification, sent to any connection of the client.
     *
     * @param file        the file
     * @param client      the client holding the lease
     * @param leaseKey    the lease key
     * @param from        CurrentLeaseState
     * @param to          NewLeaseState
     * @param newEpoch    NewEpoch (v2 leases; 16 bits)
     * @param ackRequired SMB2_NOTIFY_BREAK_LEASE_FLAG_ACK_REQUIRED
     * @param v2          a version 2 lease: NewEpoch is sent
     */
    record LeaseBreak(FileKey file, ClientGuid client, LeaseKey leaseKey, LeaseState from, LeaseState to, int newEpoch,
            boolean ackRequired, boolean v2) implements BreakNotification {}
}
