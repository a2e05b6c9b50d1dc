package dev.haven.files.lease;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;

/**
 * The caching an open asks for when it is created: nothing, a classic oplock ([MS-SMB2] 2.2.13
 * RequestedOplockLevel) or a lease ([MS-SMB2] 2.2.13.2.8 and 2.2.13.2.10).
 */
public sealed interface CachingRequest permits CachingRequest.None, CachingRequest.Oplock, CachingRequest.Lease {
    /** No caching asked for. */
    CachingRequest NONE = new None();

    /**
     * The oplock key the new open will have, for the breaks it causes before it exists: a lease's
     * key, or for an oplock a key of its own that matches no holder ([MS-FSA] 2.1.5.1.2: a new
     * open without a lease breaks every other holder).
     */
    OplockKey requester();

    /** No caching. */
    record None() implements CachingRequest {
        @Override
        public OplockKey requester() {
            return OplockKey.of(OpenId.random());
        }
    }

    /**
     * A classic oplock.
     *
     * @param level the level asked for
     */
    record Oplock(OplockLevel level) implements CachingRequest {
        @Override
        public OplockKey requester() {
            return OplockKey.of(OpenId.random());
        }
    }

    /**
     * A lease.
     *
     * @param client         the client's GUID
     * @param leaseKey       the lease key
     * @param state          the lease state asked for
     * @param parentLeaseKey the parent directory's lease key (v2), or {@link LeaseKey#ZERO}
     * @param epoch          the v2 request's epoch (0 for v1)
     * @param v2             asked for with a version 2 context
     */
    record Lease(ClientGuid client, LeaseKey leaseKey, LeaseState state, LeaseKey parentLeaseKey, int epoch, boolean v2)
            implements CachingRequest {
        @Override
        public OplockKey requester() {
            return OplockKey.of(client, leaseKey);
        }
    }
}
