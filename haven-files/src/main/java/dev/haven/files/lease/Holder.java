package dev.haven.files.lease;

import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One oplock or lease on one file: its caching state, its opens and its break in progress.
 * Mutable; touched only under the file's lock.
 */
final class Holder {
    final OplockKey key;
    final Set<OpenId> opens = new LinkedHashSet<>();
    final LeaseKey parentLeaseKey;
    /** A version 2 lease ([MS-SMB2] 3.3.1.12 Lease.Version): set by its first open, it keeps it. */
    boolean v2;
    HolderPhase phase = HolderPhase.HELD;
    LeaseState state;
    /** While BREAKING: the state announced to the client ([MS-SMB2] Lease.BreakToLeaseState). */
    LeaseState breakTo;
    /** While BREAKING: the lowest state later operations asked for; broken to after the ack. */
    LeaseState wantedTo;
    /** The v2 lease epoch, 16 bits ([MS-SMB2] 3.3.1.12 Lease.Epoch). */
    int epoch;
    /** Counts breaks, so a timeout of an earlier break is recognised as stale. */
    long breakGeneration;
    BreakScheduler.Scheduled timeout;

    Holder(OplockKey key, LeaseState state, int epoch, LeaseKey parentLeaseKey) {
        this.key = key;
        this.state = state;
        this.epoch = epoch & 0xFFFF;
        this.parentLeaseKey = parentLeaseKey;
    }

    boolean isLease() {
        return key instanceof OplockKey.OfLease;
    }

    boolean isBreaking() {
        return phase == HolderPhase.BREAKING;
    }

    /** The state later operations are measured against: where the client is going if breaking. */
    LeaseState base() {
        return isBreaking() ? wantedTo : state;
    }

    void bumpEpoch() {
        epoch = (epoch + 1) & 0xFFFF;
    }

    void cancelTimeout() {
        if (timeout != null) {
            timeout.cancel();
            timeout = null;
        }
    }

    LeaseGrant grant() {
        OplockKey.OfLease lease = (OplockKey.OfLease) key;
        return new LeaseGrant(lease.leaseKey(), state, epoch, parentLeaseKey, isBreaking(), v2);
    }
}
