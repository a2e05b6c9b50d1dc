package dev.haven.files.durable;

import dev.haven.files.ClientGuid;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.lease.BreakListener;
import dev.haven.files.lease.BreakNotification;
import dev.haven.files.lease.BreakScheduler;
import dev.haven.files.lease.LeaseManager;
import dev.haven.files.service.FileService;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The opens waiting for their owner to come back after a disconnect ([MS-SMB2] 3.3.7.1: a
 * durable open survives its connection), by durable id (the front-end's stable name of the open,
 * [MS-SMB2] Open.DurableFileId). A preserved open keeps its share mode, byte-range locks and lease
 * in the file service. It ends:
 * <ul>
 * <li>when its owner reclaims it ({@link #reclaim}): only the same user, and for an open with a
 * lease only the same client naming the same lease key (3.3.5.9.7, 3.3.5.9.12);
 * <li>when its timeout passes: it is closed, and a later reclaim finds nothing;
 * <li>when another open breaks its oplock or lease: no one can acknowledge the break, so it is
 * closed at once and the other open proceeds (as Samba does; a reclaim then finds nothing, since
 * the file may have changed). A persistent open is not closed: it stands for an owner who was
 * promised the handle across failures, so the break is acknowledged on its behalf at once (the
 * caching goes down to what the break asks) and the open keeps its share mode and locks; the
 * owner learns the new caching state when it reconnects.
 * </ul>
 * Thread-safe: one concurrent map; every end removes the entry first, so exactly one end closes it.
 */
public final class DurableOpens implements BreakListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(DurableOpens.class.getName());

    private static final UUID NO_CREATE_GUID = new UUID(0, 0);

    private record Entry(PreservedOpen open, BreakScheduler.Scheduled timer) {}

    private final FileService files;
    private final Clock clock;
    private final BreakScheduler scheduler;
    private final LeaseManager leases;
    private final ConcurrentHashMap<Long, Entry> preserved = new ConcurrentHashMap<>();
    private final Runnable unsubscribe;

    /** Preserved opens of {@code files}, timed on {@code clock} by {@code scheduler}, watching {@code leases}' breaks. */
    public DurableOpens(FileService files, LeaseManager leases, Clock clock, BreakScheduler scheduler) {
        this.files = files;
        this.clock = clock;
        this.scheduler = scheduler;
        this.leases = leases;
        this.unsubscribe = leases.subscribe(this);
    }

    /**
     * Keeps {@code open} for its owner after its connection went away; its timeout starts now.
     * A second open under the same durable id replaces nothing: it is refused.
     */
    public void preserve(long durableId, PreservedOpen open) {
        Objects.requireNonNull(open);
        BreakScheduler.Scheduled[] timer = new BreakScheduler.Scheduled[1];
        Entry e = new Entry(open, () -> {
            if (timer[0] != null) {
                timer[0].cancel();
            }
        });
        if (preserved.putIfAbsent(durableId, e) != null) {
            throw new IllegalStateException("durable id " + Long.toHexString(durableId) + " is already preserved");
        }
        timer[0] = scheduler.schedule(clock.instant().plus(open.timeout()), () -> end(durableId, e, "timed out"));
    }

    /**
     * Hands the preserved open named {@code durableId} back to its owner, or throws: NOT_FOUND when
     * there is none (never preserved, timed out, closed by a conflict, or the lease, client or
     * CreateGuid do not match), ACCESS_DENIED when another user asks ([MS-SMB2] 3.3.5.9.7/12).
     */
    public DurableHandle reclaim(long durableId, Reclaim who) {
        Entry e = preserved.get(durableId);
        if (e == null) {
            throw new FileServiceException(FileServiceError.NOT_FOUND, "no preserved open " + Long.toHexString(durableId));
        }
        PreservedOpen p = e.open();
        if (!Objects.equals(p.leaseKey(), who.leaseKey())
                || p.leaseKey() != null && !p.client().equals(who.client())
                || who.createGuid() != null && !who.createGuid().equals(createGuidOf(p))) {
            throw new FileServiceException(FileServiceError.NOT_FOUND, "preserved open " + Long.toHexString(durableId)
                    + " has another lease, client or CreateGuid");
        }
        if (!p.owner().equals(who.user())) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "preserved open " + Long.toHexString(durableId)
                    + " belongs to another user");
        }
        if (!preserved.remove(durableId, e)) {
            throw new FileServiceException(FileServiceError.NOT_FOUND, "preserved open " + Long.toHexString(durableId) + " ended");
        }
        e.timer().cancel();
        return p.handle();
    }

    /** An open preserved without a CreateGuid (durable v1) answers to the all-zero one (as Samba). */
    private static UUID createGuidOf(PreservedOpen p) {
        return p.createGuid() != null ? p.createGuid() : NO_CREATE_GUID;
    }

    /** The preserved open named {@code durableId}, if any (for listings; {@link #reclaim} takes it). */
    public PreservedOpen find(long durableId) {
        Entry e = preserved.get(durableId);
        return e == null ? null : e.open();
    }

    /**
     * The durable id of the open {@code client} preserved under {@code createGuid} (a v2 durable
     * open), if any: how [MS-SMB2] 3.3.5.9.10 finds the open a replayed CREATE made before its
     * connection went away.
     */
    public OptionalLong findByCreateGuid(ClientGuid client, UUID createGuid) {
        for (var e : preserved.entrySet()) {
            PreservedOpen p = e.getValue().open();
            if (createGuid.equals(p.createGuid()) && client.equals(p.client())) {
                return OptionalLong.of(e.getKey());
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Ends (closes) every preserved open {@code which} selects, as its timeout would: for a
     * front-end rule that makes an absent owner's open obsolete ([MS-SMB2] 3.3.5.9.13 app instances).
     */
    public void endMatching(java.util.function.Predicate<PreservedOpen> which, String why) {
        preserved.forEach((id, e) -> {
            if (which.test(e.open())) {
                end(id, e, why);
            }
        });
    }

    /** How many opens wait for their owners. */
    public int size() {
        return preserved.size();
    }

    /**
     * A break of a preserved open's caching cannot be acknowledged: the open is closed (off the
     * caller's thread, which may hold the lease manager's lock), which ends the break.
     */
    @Override
    public void onBreak(BreakNotification n) {
        preserved.forEach((id, e) -> {
            PreservedOpen p = e.open();
            boolean hit = switch (n) {
                case BreakNotification.OplockBreak o -> p.handle().open().id().equals(o.open());
                case BreakNotification.LeaseBreak l -> l.leaseKey().equals(p.leaseKey()) && l.client().equals(p.client());
            };
            if (hit && files.persistent().isPersistent(p.handle().open())) {
                scheduler.schedule(clock.instant(), () -> acknowledge(n));
            } else if (hit) {
                scheduler.schedule(clock.instant(), () -> end(id, e, "its caching was broken"));
            }
        });
    }

    /** Acknowledges a break of a preserved persistent open as its absent owner would. */
    private void acknowledge(BreakNotification n) {
        try {
            switch (n) {
                case BreakNotification.OplockBreak o -> leases.acknowledgeOplock(o.open(), o.to());
                case BreakNotification.LeaseBreak l -> leases.acknowledgeLease(l.client(), l.leaseKey(), l.to());
            }
        } catch (FileServiceException ex) {
            LOG.log(Level.DEBUG, "break of a preserved persistent open already over: {0}", ex.getMessage());
        }
    }

    private void end(long durableId, Entry e, String why) {
        if (!preserved.remove(durableId, e)) {
            return; // reclaimed or ended otherwise meanwhile
        }
        e.timer().cancel();
        LOG.log(Level.INFO, "preserved open {0} closed: {1}", Long.toHexString(durableId), why);
        try {
            files.close(e.open().handle().open());
        } catch (FileServiceException ex) {
            LOG.log(Level.DEBUG, "closing preserved open {0}: {1}", Long.toHexString(durableId), ex.getMessage());
        }
    }

    /** Closes every preserved open (the server stops) and stops listening for breaks. */
    @Override
    public void close() {
        unsubscribe.run();
        for (Long id : List.copyOf(preserved.keySet())) {
            Entry e = preserved.get(id);
            if (e != null) {
                end(id, e, "the server stops");
            }
        }
    }
}
