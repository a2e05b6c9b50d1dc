package dev.haven.files.lease;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;

/**
 * Who holds caching state on a file ([MS-FSA] 2.1.1.5 Open.OplockKey): for an oplock the open
 * itself, for a lease the client GUID plus lease key shared by all its opens. Operations whose
 * requester has the same key never break that holder.
 */
public sealed interface OplockKey permits OplockKey.OfOpen, OplockKey.OfLease {

    /** The key of an open that has no lease: its oplock, if any, is its own. */
    static OplockKey of(OpenId open) {
        return new OfOpen(open);
    }

    /** The key of every open that carries this lease key from this client. */
    static OplockKey of(ClientGuid client, LeaseKey leaseKey) {
        return new OfLease(client, leaseKey);
    }

    /**
     * An open without a lease.
     *
     * @param open the open
     */
    record OfOpen(OpenId open) implements OplockKey {}

    /**
     * A lease, shared by the opens of one client with one lease key.
     *
     * @param client   the client's GUID
     * @param leaseKey the client's lease key
     */
    record OfLease(ClientGuid client, LeaseKey leaseKey) implements OplockKey {}
}
