package dev.haven.files.lease;

import dev.haven.files.ClientGuid;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.FileTable;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Oplocks and leases of every file, for every protocol. A front-end calls, for a CREATE:
 * {@link #breakFor(FileKey, OplockKey, BreakCause)} and waits for the returned {@link BreakWait},
 * then {@link #openWithOplock} or {@link #openWithLease}; before I/O on an open:
 * {@link #breakFor(FileKey, OpenId, BreakCause)}; for break acknowledgments:
 * {@link #acknowledgeOplock} / {@link #acknowledgeLease}; for CLOSE: {@link #close}. Breaks reach
 * clients through the {@link BreakListener}. Every open of a file registers here, also one without
 * caching (an NFS open, an SMB open with no oplock: {@code openWithOplock(.., NONE)}), because any
 * open of another key stops write caching from being granted. A break not acknowledged within the
 * timeout (35 s by default, as Windows) ends as if acknowledged with NONE ([MS-SMB2] 3.3.1.12
 * Lease.LeaseBreakTimeout, 3.3.2.1). Thread-safe with one lock per file.
 */
public final class LeaseManager {
    /** The Windows default time a client has to acknowledge a break. */
    public static final Duration DEFAULT_BREAK_TIMEOUT = Duration.ofSeconds(35);

    private final Clock clock;
    private final BreakScheduler scheduler;
    /** The constructor's listener plus every front-end that {@link #subscribe}d. */
    private final BreakListeners listener = new BreakListeners();
    private volatile Duration breakTimeout;
    private final Predicate<FileKey> hasByteRangeLocks;
    private final FileTable<FileOplocks> files = new FileTable<>(FileOplocks::new, FileOplocks::isEmpty);
    private final ConcurrentHashMap<OpenId, FileKey> fileOfOpen = new ConcurrentHashMap<>();
    /** [MS-SMB2] 3.3.1.4 GlobalLeaseTableList: the file each client's lease key is bound to. */
    private final ConcurrentHashMap<OplockKey.OfLease, FileKey> fileOfLease = new ConcurrentHashMap<>();

    /**
     * Creates a manager. {@code scheduler} must never run a task on the calling thread;
     * {@code listener} receives every break.
     */
    public LeaseManager(Clock clock, BreakScheduler scheduler, BreakListener listener, Duration breakTimeout) {
        this(clock, scheduler, listener, breakTimeout, file -> false);
    }

    /**
     * Creates a manager that asks {@code hasByteRangeLocks} (for example
     * {@code ByteRangeLocks::hasLocks}) before granting shared caching: read caching without write
     * caching is refused on a file with byte-range locks or waiting lock requests, as Windows
     * does (FsRtlCheckLockForOplockRequest), because a lock would break it at once. The probe is
     * called under this manager's file lock, so it must not call back into the manager.
     */
    public LeaseManager(Clock clock, BreakScheduler scheduler, BreakListener listener, Duration breakTimeout,
            Predicate<FileKey> hasByteRangeLocks) {
        this.clock = clock;
        this.scheduler = scheduler;
        this.listener.add(listener);
        this.breakTimeout = breakTimeout;
        this.hasByteRangeLocks = hasByteRangeLocks;
    }

    /**
     * Adds a front-end's listener; every break goes to each listener, which ignores the opens it
     * does not serve. The returned handle removes the listener again.
     */
    public Runnable subscribe(BreakListener frontEnd) {
        return listener.add(frontEnd);
    }

    /**
     * Changes the time a client has to acknowledge a break, for breaks that start from now on
     * ([MS-SMB2] 3.3.2.1: 35 s by default; tests use a short one).
     */
    public void breakTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("break timeout must be positive: " + timeout);
        }
        breakTimeout = timeout;
    }

    /** Shared caching (R or RH, Level II) is not granted on a file with byte-range locks. */
    private LeaseState withoutSharedUnderLocks(FileKey file, LeaseState granted) {
        boolean shared = granted.has(LeaseState.READ_CACHING) && !granted.has(LeaseState.WRITE_CACHING);
        return shared && hasByteRangeLocks.test(file) ? LeaseState.NONE : granted;
    }

    /**
     * Breaks the caching that an operation of {@code requester} on {@code file} conflicts with,
     * sending notifications, and returns what the operation must wait for before it proceeds.
     * For a CREATE the requester is the new open's key (its lease, or the open itself).
     */
    public BreakWait breakFor(FileKey file, OplockKey requester, BreakCause cause) {
        return withFile(file, (f, effects) -> f.breakFor(requester, cause, effects, h -> armTimeout(file, h)));
    }

    /** {@link #breakFor(FileKey, OplockKey, BreakCause)} for an operation through an existing open. */
    public BreakWait breakFor(FileKey file, OpenId requester, BreakCause cause) {
        return withFile(file, (f, effects) -> {
            OplockKey key = f.opens.get(requester);
            if (key == null) {
                throw new FileServiceException(FileServiceError.FILE_CLOSED, requester.toString());
            }
            return f.breakFor(key, cause, effects, h -> armTimeout(file, h));
        });
    }

    /**
     * Registers an open that asked for an oplock (or NONE) and returns the level granted
     * ([MS-SMB2] 3.3.5.9.8, [MS-FSA] 2.1.5.18.2): EXCLUSIVE or BATCH only when no other open is on
     * the file, else LEVEL_II, and nothing while another holder still caches writes.
     */
    public OplockLevel openWithOplock(FileKey file, OpenId open, OplockLevel requested) {
        OplockKey key = OplockKey.of(open);
        return withFile(file, (f, effects) -> {
            register(f, file, open, key);
            OplockLevel granted = OplockLevel.fromCaching(
                    withoutSharedUnderLocks(file, grantableOplock(f, key, requested).caching()));
            if (granted != OplockLevel.NONE) {
                Holder h = new Holder(key, granted.caching(), 0, null);
                h.opens.add(open);
                f.holders.put(key, h);
            }
            return granted;
        });
    }

    private static OplockLevel grantableOplock(FileOplocks f, OplockKey key, OplockLevel requested) {
        if (requested == OplockLevel.NONE || f.hasOtherWriter(key) || f.hasOther(key, true, LeaseState.HANDLE_CACHING)) {
            // A lease caching handles leaves no room for an oplock (smb2.lease.oplock: RH gives "").
            return OplockLevel.NONE;
        }
        if (requested != OplockLevel.LEVEL_II && !f.hasOtherOpens(key)) {
            return requested;
        }
        return OplockLevel.LEVEL_II;
    }

    /**
     * Registers an open carrying a lease request and returns the lease ([MS-SMB2] 3.3.5.9.8,
     * 3.3.5.9.11). An open with a lease key the client already holds on this file joins that lease,
     * upgrading it if it asks for more and it is not breaking; the same key on another file fails
     * with INVALID_PARAMETER. Write caching is granted only if no open of another key is on the
     * file. {@code epoch} is the v2 request's epoch (0 for v1); a new lease starts one above it.
     */
    public LeaseGrant openWithLease(FileKey file, OpenId open, ClientGuid client, LeaseKey leaseKey, LeaseState requested,
            LeaseKey parentLeaseKey, int epoch) {
        return openWithLease(file, open, client, leaseKey, requested, parentLeaseKey, epoch, false);
    }

    /**
     * {@link #openWithLease(FileKey, OpenId, ClientGuid, LeaseKey, LeaseState, LeaseKey, int)} that
     * says whether a new lease is a version 2 lease; an existing lease keeps its version.
     */
    public LeaseGrant openWithLease(FileKey file, OpenId open, ClientGuid client, LeaseKey leaseKey, LeaseState requested,
            LeaseKey parentLeaseKey, int epoch, boolean v2) {
        OplockKey.OfLease key = new OplockKey.OfLease(client, leaseKey);
        // An illegal combination (H or W without R) gets no caching rather than a failed create.
        LeaseState wanted = requested.isValid() ? requested : LeaseState.NONE;
        return withFile(file, (f, effects) -> {
            register(f, file, open, key);
            // [MS-SMB2] 3.3.5.9.8: a lease key names one file; reusing it for another is an error.
            FileKey bound = fileOfLease.putIfAbsent(key, file);
            if (bound != null && !bound.equals(file)) {
                f.opens.remove(open);
                fileOfOpen.remove(open, file);
                throw new FileServiceException(FileServiceError.INVALID_PARAMETER, key.leaseKey() + " is in use on " + bound);
            }
            LeaseState shared = f.hasOtherOpens(key) ? wanted.without(LeaseState.WRITE_CACHING) : wanted;
            if (f.hasOther(key, false, LeaseState.READ_CACHING)) {
                shared = shared.without(LeaseState.HANDLE_CACHING); // beside an oplock: R only (smb2.lease.oplock)
            }
            LeaseState grantable = withoutSharedUnderLocks(file, f.hasOtherWriter(key) ? LeaseState.NONE
                    : BreakCause.normalize(shared));
            Holder h = f.holders.get(key);
            if (h == null) {
                h = new Holder(key, grantable, epoch + 1, parentLeaseKey == null ? LeaseKey.ZERO : parentLeaseKey);
                h.v2 = v2;
                f.holders.put(key, h);
            } else if (!h.isBreaking() && grantable.equals(wanted) && h.state.isSubsetOf(wanted)
                    && !grantable.isSubsetOf(h.state)) {
                // Upgrades only to the whole state asked for (smb2.lease.upgrade3: R to RH beside
                // another lease, but not to RHW; smb2.lease.break: a contended lease keeps its state).
                h.state = h.state.union(grantable); // upgrade ([MS-SMB2] 3.3.5.9.8)
                h.bumpEpoch();
            }
            h.opens.add(open);
            return h.grant();
        });
    }

    private void register(FileOplocks f, FileKey file, OpenId open, OplockKey key) {
        if (fileOfOpen.putIfAbsent(open, file) != null) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, open + " is already open");
        }
        f.opens.put(open, key);
    }

    /**
     * An oplock break acknowledgment ([MS-SMB2] 3.3.5.22.1): OPLOCK_NOT_BREAKING if no break is
     * outstanding, INVALID_OPLOCK_PROTOCOL if {@code level} is above the level broken to.
     */
    public void acknowledgeOplock(OpenId open, OplockLevel level) {
        FileKey file = fileOf(open);
        withFile(file, (f, effects) -> {
            Holder h = f.holders.get(OplockKey.of(open));
            if (h == null || !h.isBreaking()) {
                throw new FileServiceException(FileServiceError.OPLOCK_NOT_BREAKING, open.toString());
            }
            if (!level.caching().isSubsetOf(h.breakTo)) {
                throw new FileServiceException(FileServiceError.INVALID_OPLOCK_PROTOCOL, level + " above " + h.breakTo);
            }
            f.finishBreak(h, level.caching(), effects, b -> armTimeout(file, b));
            return null;
        });
    }

    /**
     * A lease break acknowledgment ([MS-SMB2] 3.3.5.22.2): LEASE_NOT_FOUND for an unknown lease,
     * LEASE_NOT_BREAKING if no break is outstanding, LEASE_STATE_NOT_ACCEPTED if {@code state} is
     * not within the state broken to. Returns the lease as it is afterwards.
     */
    public LeaseGrant acknowledgeLease(ClientGuid client, LeaseKey leaseKey, LeaseState state) {
        OplockKey.OfLease key = new OplockKey.OfLease(client, leaseKey);
        FileKey file = fileOfLease.get(key);
        if (file == null) {
            throw new FileServiceException(FileServiceError.LEASE_NOT_FOUND, leaseKey.toString());
        }
        return withFile(file, (f, effects) -> {
            Holder h = f.holders.get(key);
            if (h == null) {
                throw new FileServiceException(FileServiceError.LEASE_NOT_FOUND, leaseKey.toString());
            }
            if (!h.isBreaking()) {
                throw new FileServiceException(FileServiceError.LEASE_NOT_BREAKING, leaseKey.toString());
            }
            if (!state.isSubsetOf(h.breakTo)) {
                throw new FileServiceException(FileServiceError.LEASE_STATE_NOT_ACCEPTED, state + " not within " + h.breakTo);
            }
            f.finishBreak(h, state, effects, b -> armTimeout(file, b));
            return h.grant();
        });
    }

    /** Forgets a closed open. Its oplock goes; a lease goes with its last open. Waits on them end. */
    public void close(OpenId open) {
        FileKey file = fileOf(open);
        fileOfOpen.remove(open, file);
        withFile(file, (f, effects) -> {
            f.close(open, effects, gone -> {
                if (gone.key instanceof OplockKey.OfLease lease) {
                    fileOfLease.remove(lease, file);
                }
            });
            return null;
        });
    }

    /** The oplock level an open holds now (NONE for a lease open or none). */
    public OplockLevel oplockOf(OpenId open) {
        FileKey file = fileOfOpen.get(open);
        if (file == null) {
            return OplockLevel.NONE;
        }
        return files.withExisting(file, f -> {
            Holder h = f.holders.get(OplockKey.of(open));
            return h == null ? OplockLevel.NONE : OplockLevel.fromCaching(h.state);
        }, OplockLevel.NONE);
    }

    /** True while a break of the open's oplock awaits its acknowledgment. */
    public boolean oplockBreaking(OpenId open) {
        FileKey file = fileOfOpen.get(open);
        if (file == null) {
            return false;
        }
        return files.withExisting(file, f -> {
            Holder h = f.holders.get(OplockKey.of(open));
            return h != null && h.isBreaking();
        }, false);
    }

    /** The lease a client holds under a key, if any. */
    public Optional<LeaseGrant> leaseOf(ClientGuid client, LeaseKey leaseKey) {
        OplockKey.OfLease key = new OplockKey.OfLease(client, leaseKey);
        FileKey file = fileOfLease.get(key);
        if (file == null) {
            return Optional.empty();
        }
        return files.withExisting(file, f -> Optional.ofNullable(f.holders.get(key)).map(Holder::grant), Optional.empty());
    }

    private FileKey fileOf(OpenId open) {
        FileKey file = fileOfOpen.get(open);
        if (file == null) {
            throw new FileServiceException(FileServiceError.FILE_CLOSED, open.toString());
        }
        return file;
    }

    /** Arms the acknowledgment timer of a break that just started ([MS-SMB2] 3.3.2.1, 3.3.2.5). */
    private void armTimeout(FileKey file, Holder h) {
        long generation = h.breakGeneration;
        OplockKey key = h.key;
        h.cancelTimeout();
        h.timeout = scheduler.schedule(clock.instant().plus(breakTimeout), () -> timedOut(file, key, generation));
    }

    private void timedOut(FileKey file, OplockKey key, long generation) {
        Effects effects = new Effects();
        files.withExisting(file, f -> {
            Holder h = f.holders.get(key);
            if (h != null && h.isBreaking() && h.breakGeneration == generation) {
                h.timeout = null;
                f.finishBreak(h, LeaseState.NONE, effects, b -> armTimeout(file, b));
            }
            return null;
        }, null);
        effects.run(listener);
    }

    /** Runs a change under the file's lock, then delivers its notifications and releases its waits. */
    private <R> R withFile(FileKey file, ChangeUnderLock<R> change) {
        Effects effects = new Effects();
        R result = files.withFile(file, f -> change.apply(f, effects));
        effects.run(listener);
        return result;
    }

    @FunctionalInterface
    private interface ChangeUnderLock<R> {
        R apply(FileOplocks f, Effects effects);
    }
}
