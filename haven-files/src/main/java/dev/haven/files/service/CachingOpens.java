package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.ShareAccess;
import dev.haven.files.lease.BreakCause;
import dev.haven.files.lease.BreakWait;
import dev.haven.files.lease.CachingRequest;
import dev.haven.files.lease.LeaseGrant;
import dev.haven.files.lease.LeaseManager;
import dev.haven.files.lease.OplockKey;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.share.ShareModeOpen;
import dev.haven.files.share.ShareModeTable;
import dev.haven.fs.Inode;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The oplock and lease side of an open ([MS-FSA] 2.1.5.1.2): the breaks a new open causes before
 * it may proceed, and the caching it is granted once it is open. Uses the file service's share
 * modes and its {@link LeaseManager}.
 */
final class CachingOpens {
    /** [MS-FSA] 2.1.5.1.2: an open asking only for these is a "stat open" and breaks nothing. */
    private static final int STAT_OPEN_ACCESS =
            AccessMask.SYNCHRONIZE | AccessMask.FILE_READ_ATTRIBUTES | AccessMask.FILE_WRITE_ATTRIBUTES;

    /**
     * Opens that take no part in caching: they neither ask for it nor stop others from getting it
     * (smb2.lease.statopen3: a lease beside a stat open still gets RWH).
     */
    private static final int NO_CACHING_ACCESS = STAT_OPEN_ACCESS | AccessMask.READ_CONTROL;

    private final LeaseManager leases;
    private final ShareModeTable shareModes;
    /** The opens not registered with the lease manager because they take no part in caching. */
    private final Set<OpenId> bystanders = ConcurrentHashMap.newKeySet();

    CachingOpens(LeaseManager leases, ShareModeTable shareModes) {
        this.leases = leases;
        this.shareModes = shareModes;
    }

    /**
     * Breaks what an open of {@code path} conflicts with and returns what it must wait for. An
     * open that would be a sharing violation first breaks handle caching only, so holders can
     * close cached handles, and the sharing check comes after the break ([MS-FSA] 2.1.5.1.2,
     * "oplock break on sharing violation"); an open that passes the check breaks write caching,
     * or everything when it overwrites. A missing file or parent breaks nothing: the open itself
     * then reports it, as the open reports a refused access or a pending delete.
     */
    BreakWait breaksBefore(Share share, SharePath path, CreateDisposition disposition, AccessMask desired,
            ShareAccess shareAccess, OplockKey requester) {
        if ((desired.bits() & ~STAT_OPEN_ACCESS) == 0 && !disposition.truncatesExisting()) {
            return BreakWait.none(); // an overwriting stat open still breaks (smb2.oplock.exclusive5)
        }
        Inode found;
        AccessMask granted;
        try {
            found = PathResolver.lookupOrNull(share, PathResolver.parentOf(share, path), path);
            // MAXIMUM_ALLOWED and generic bits count as what the open would really be granted.
            granted = OpenRules.grant(share, desired).mapGeneric();
        } catch (FileServiceException e) {
            return BreakWait.none();
        }
        if (found == null) {
            return BreakWait.none();
        }
        FileKey file = FileService.keyOf(share, found.id());
        if (shareModes.isDeletePending(file)) {
            return BreakWait.none(); // the open fails with DELETE_PENDING and breaks nothing (smb2.oplock.doc)
        }
        ShareModeOpen candidate = new ShareModeOpen(file, OpenId.random(), granted, shareAccess, false);
        boolean conflict = shareModes.opensOf(file).stream().anyMatch(candidate::conflictsWith);
        BreakCause cause = conflict ? BreakCause.HANDLE_CONFLICT
                : disposition.truncatesExisting() ? BreakCause.OPEN_OVERWRITE
                : (desired.bits() & ~NO_CACHING_ACCESS) == 0 ? BreakCause.OPLOCK_ONLY_OPEN : BreakCause.OPEN;
        return leases.breakFor(file, requester, cause);
    }

    /** Registers a new open with the lease manager and returns the caching it got. */
    Granted register(Open open, CachingRequest caching) {
        if (caching instanceof CachingRequest.None && (open.granted().bits() & ~NO_CACHING_ACCESS) == 0) {
            bystanders.add(open.id());
            return new Granted(OplockLevel.NONE, Optional.empty());
        }
        if (open.isDirectory()) {
            // No directory leases or oplocks ([MS-SMB2] 3.3.5.9.8 without SMB2_GLOBAL_CAP_DIRECTORY_LEASING).
            return new Granted(leases.openWithOplock(open.key(), open.id(), OplockLevel.NONE), Optional.empty());
        }
        return switch (caching) {
            case CachingRequest.None n -> new Granted(leases.openWithOplock(open.key(), open.id(), OplockLevel.NONE),
                    Optional.empty());
            case CachingRequest.Oplock o -> new Granted(leases.openWithOplock(open.key(), open.id(), o.level()),
                    Optional.empty());
            case CachingRequest.Lease l -> new Granted(OplockLevel.NONE, Optional.of(leases.openWithLease(open.key(),
                    open.id(), l.client(), l.leaseKey(), l.state(), l.parentLeaseKey(), l.epoch(), l.v2())));
        };
    }

    /**
     * Breaks the caching of other holders that an operation through {@code open} conflicts with;
     * returns what the operation must wait for.
     */
    BreakWait breakFor(Open open, BreakCause cause) {
        if (bystanders.contains(open.id())) {
            return leases.breakFor(open.key(), OplockKey.of(open.id()), cause);
        }
        return leases.breakFor(open.key(), open.id(), cause);
    }

    /** Forgets a closed open. */
    void close(Open open) {
        if (!bystanders.remove(open.id())) {
            leases.close(open.id());
        }
    }

    /** The caching an open got: an oplock level, or a lease. */
    record Granted(OplockLevel oplock, Optional<LeaseGrant> lease) {}
}
