package dev.haven.files.lease;

import dev.haven.files.LeaseKey;

/**
 * The lease an open got, for the SMB2_CREATE_RESPONSE_LEASE(_V2) context ([MS-SMB2] 2.2.14.2.10/11).
 *
 * @param leaseKey        the lease key
 * @param state           the granted lease state
 * @param epoch           the lease epoch (v2; 16 bits)
 * @param parentLeaseKey  the parent (directory) lease key the client sent, or {@link LeaseKey#ZERO}
 * @param breakInProgress SMB2_LEASE_FLAG_BREAK_IN_PROGRESS: the lease is breaking right now
 * @param v2              a version 2 lease (epochs and parent key are sent), fixed by its first open
 */
public record LeaseGrant(LeaseKey leaseKey, LeaseState state, int epoch, LeaseKey parentLeaseKey, boolean breakInProgress,
        boolean v2) {}
