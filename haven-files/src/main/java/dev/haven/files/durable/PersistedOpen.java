package dev.haven.files.durable;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import dev.haven.files.lease.CachingRequest;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.security.Sid;
import dev.haven.files.service.SharePath;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Everything a persistent open needs to be re-established after the server process ended
 * ([MS-SMB2] 3.3.1.10 Open.IsPersistent, 3.3.7.1): which file, how it was opened, its byte-range
 * locks and caching, who may reclaim it, and the front-end's own state. One record of the
 * {@link OpenStore}; {@link PersistedOpenFormat} is its written form.
 *
 * @param durableId   the front-end's stable name of the open (SMB: the persistent part of the FileId)
 * @param openId      the file-service open, re-established under the same identity
 * @param share       the share it was opened through, by name
 * @param path        its path from the share root
 * @param parent      the inode of the directory that holds it (0 for the share root)
 * @param inode       the file's inode
 * @param generation  the inode's generation: a re-used inode number is not the same file
 * @param directory   a directory open
 * @param granted     the access granted ([MS-DTYP] 2.4.3 ACCESS_MASK bits)
 * @param shareAccess the share access it allows others ([MS-SMB2] 2.2.13 ShareAccess bits)
 * @param writeThrough opened with FILE_WRITE_THROUGH
 * @param who         who may take it back, and for how long it waits
 * @param caching     the oplock or lease it held
 * @param locks       its byte-range locks
 * @param protocol    the front-end that made it ("smb2"): it turns the open back into its handle
 * @param frontEnd    that front-end's own state, opaque here
 */
public record PersistedOpen(long durableId, OpenId openId, String share, SharePath path, long parent, long inode,
        long generation, boolean directory, int granted, int shareAccess, boolean writeThrough, Owner who,
        Caching caching, List<LockRequest> locks, String protocol, byte[] frontEnd) {

    /** Checks the parts every record has. */
    public PersistedOpen {
        Objects.requireNonNull(openId, "openId");
        Objects.requireNonNull(share, "share");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(caching, "caching");
        Objects.requireNonNull(protocol, "protocol");
        locks = List.copyOf(locks);
        frontEnd = frontEnd.clone();
    }

    /** The front-end's own state (a copy). */
    @Override
    public byte[] frontEnd() {
        return frontEnd.clone();
    }

    /**
     * Who may reclaim a preserved open ({@link DurableOpens#reclaim}) and how long it waits.
     *
     * @param user       the owner
     * @param client     the client that opened it
     * @param leaseKey   its lease key, or null
     * @param createGuid the CreateGuid of a durable v2 open, or null
     * @param timeout    how long it waits for its owner after a disconnect or restart
     */
    public record Owner(Sid user, ClientGuid client, LeaseKey leaseKey, UUID createGuid, Duration timeout) {
        /** Checks the parts every owner has. */
        public Owner {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(timeout, "timeout");
        }
    }

    /**
     * The caching an open held, asked for again when it is re-established.
     *
     * @param oplock     its oplock level (NONE with a lease)
     * @param lease      its lease state, or null for no lease
     * @param epoch      the lease epoch (v2)
     * @param parentKey  the parent directory's lease key, or {@link LeaseKey#ZERO}
     * @param v2         a version 2 lease
     */
    public record Caching(OplockLevel oplock, LeaseState lease, int epoch, LeaseKey parentKey, boolean v2) {
        /** No oplock, no lease. */
        public static final Caching NONE = new Caching(OplockLevel.NONE, null, 0, LeaseKey.ZERO, false);

        /** Checks the parts every caching state has. */
        public Caching {
            Objects.requireNonNull(oplock, "oplock");
            Objects.requireNonNull(parentKey, "parentKey");
        }

        /** What to ask of the lease manager to hold this caching again, for {@code who}'s open. */
        public CachingRequest request(Owner who) {
            if (lease != null && who.leaseKey() != null) {
                return new CachingRequest.Lease(who.client(), who.leaseKey(), lease, parentKey, epoch, v2);
            }
            return oplock == OplockLevel.NONE ? CachingRequest.NONE : new CachingRequest.Oplock(oplock);
        }
    }
}
