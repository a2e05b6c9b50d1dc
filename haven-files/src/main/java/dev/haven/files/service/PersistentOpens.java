package dev.haven.files.service;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.durable.DurableHandle;
import dev.haven.files.durable.HandleFactory;
import dev.haven.files.durable.OpenStore;
import dev.haven.files.durable.PersistedOpen;
import dev.haven.files.durable.PreservedOpen;
import dev.haven.files.lease.LeaseGrant;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.lock.ByteRangeLock;
import dev.haven.files.lock.ByteRangeLocks;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.share.ShareModeOpen;
import dev.haven.files.share.ShareModeTable;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The persistent opens of a file service ([MS-SMB2] 3.3.1.10 Open.IsPersistent, 3.3.5.9.10):
 * opens whose state is kept in an {@link OpenStore} so that they outlive the server process. A
 * front-end makes an open persistent ({@link #persist}); from then on the service rewrites its
 * record whenever its locks or name change and removes it when it is closed, each time before
 * the call returns, so a client is answered only after its state is stable. At start, before
 * any client is accepted, {@link #restore} re-establishes every stored open (same open id, share
 * mode, locks and caching) and preserves it for its owner, so no other client can slip in.
 *
 * <p>A service without a store has no persistent opens: {@link #available()} is false.
 */
public final class PersistentOpens {
    private static final System.Logger LOG = System.getLogger(PersistentOpens.class.getName());

    /** What the front-end said when it made an open persistent; the rest is read from the service. */
    private record Made(long durableId, PersistedOpen.Owner who, String protocol, byte[] frontEnd) {}

    private final FileService files;
    private final ShareModeTable shareModes;
    private final ByteRangeLocks locks;
    private final OpenStore store;
    private final Map<OpenId, Made> made = new ConcurrentHashMap<>();
    private volatile boolean detached;

    PersistentOpens(FileService files, ShareModeTable shareModes, ByteRangeLocks locks, OpenStore store) {
        this.files = files;
        this.shareModes = shareModes;
        this.locks = locks;
        this.store = store;
    }

    /** True when opens can be made persistent (the service has a store). */
    public boolean available() {
        return store != null && !detached;
    }

    /** True when {@code open} is persistent. */
    public boolean isPersistent(Open open) {
        return made.containsKey(open.id());
    }

    /**
     * Makes {@code open} persistent: its state is written to the store before this returns. The
     * file it opened must already be stable (the caller commits the file system first).
     *
     * @throws FileServiceException NOT_SUPPORTED without a store or for a named stream;
     *     INSUFFICIENT_RESOURCES when the store cannot take it (full, or its device failed)
     */
    public void persist(Open open, long durableId, PersistedOpen.Owner who, String protocol, byte[] frontEnd) {
        if (!available()) {
            throw new FileServiceException(FileServiceError.NOT_SUPPORTED, "no store for persistent opens");
        }
        if (open.streamOf() != 0) {
            throw new FileServiceException(FileServiceError.NOT_SUPPORTED, "a named stream's open is not persistent");
        }
        Made m = new Made(durableId, who, protocol, frontEnd.clone());
        write(open, m);
        made.put(open.id(), m);
    }

    /** Rewrites {@code open}'s record after its locks or name changed (nothing for other opens). */
    void changed(Open open) {
        Made m = made.get(open.id());
        if (m != null && !detached) {
            write(open, m);
        }
    }

    /** Removes {@code open}'s record: it was closed (nothing for other opens, nor after {@link #detach}). */
    void forget(Open open) {
        if (made.remove(open.id()) == null || detached) {
            return;
        }
        try {
            store.remove(open.id());
        } catch (IOException | RuntimeException e) {
            // The open is closed here; its stale record comes back at the next start and waits
            // out its timeout, which only delays other clients: logged, not hidden.
            LOG.log(Level.ERROR, "could not remove the closed persistent " + open + " from " + store, e);
        }
    }

    private void write(Open open, Made m) {
        try {
            store.put(describe(open, m));
        } catch (IOException e) {
            throw new FileServiceException(FileServiceError.INSUFFICIENT_RESOURCES,
                    "persistent " + open + " not stored: " + e.getMessage());
        }
    }

    private PersistedOpen describe(Open open, Made m) {
        Open.Location where = open.location();
        ShareModeOpen mode = shareModes.find(open.id()).orElseThrow(
                () -> new FileServiceException(FileServiceError.FILE_CLOSED, open.toString()));
        List<LockRequest> held = locks.locksOf(open.key()).stream().filter(l -> l.open().equals(open.id()))
                .map(PersistentOpens::request).toList();
        return new PersistedOpen(m.durableId(), open.id(), open.share().name(),
                where == null ? SharePath.ROOT : where.path(), where == null ? 0 : where.parent(), open.inode(),
                open.fileId().generation(), open.isDirectory(), open.granted().bits(), mode.share().bits(),
                open.writeThrough(), m.who(), cachingOf(open, m.who()), held, m.protocol(), m.frontEnd());
    }

    private static LockRequest request(ByteRangeLock l) {
        return new LockRequest(l.range().offset(), l.range().length(), l.exclusive());
    }

    private PersistedOpen.Caching cachingOf(Open open, PersistedOpen.Owner who) {
        if (who.leaseKey() != null) {
            Optional<LeaseGrant> g = files.leases().leaseOf(who.client(), who.leaseKey());
            if (g.isPresent()) {
                LeaseGrant l = g.get();
                return new PersistedOpen.Caching(OplockLevel.NONE, l.state(), l.epoch(), l.parentLeaseKey(), l.v2());
            }
        }
        OplockLevel oplock = files.leases().oplockOf(open.id());
        return oplock == OplockLevel.NONE ? PersistedOpen.Caching.NONE
                : new PersistedOpen.Caching(oplock, null, 0, dev.haven.files.LeaseKey.ZERO, false);
    }

    /**
     * Re-establishes every open the store held and preserves it for its owner; returns how many.
     * A record whose share is gone, whose file is gone or replaced, or whose front-end is not
     * running is dropped with a warning (its owner's reconnect then fails as for a timed-out open).
     *
     * @param shares    the file-service share of each share name now served, or null
     * @param frontEnds the handle factory of each front-end protocol
     */
    public int restore(Function<String, Share> shares, Map<String, HandleFactory> frontEnds) {
        int restored = 0;
        for (PersistedOpen p : store.recovered()) {
            Share share = shares.apply(p.share());
            HandleFactory factory = frontEnds.get(p.protocol());
            String why = share == null ? "share " + p.share() + " is not served"
                    : factory == null ? "no " + p.protocol() + " front-end" : null;
            Open open = null;
            try {
                if (why == null) {
                    open = files.reestablish(share, p);
                    DurableHandle handle = factory.restored(open, p);
                    made.put(open.id(), new Made(p.durableId(), p.who(), p.protocol(), p.frontEnd()));
                    PersistedOpen.Owner w = p.who();
                    files.durable().preserve(p.durableId(), new PreservedOpen(handle, w.user(), w.client(),
                            w.leaseKey(), w.createGuid(), w.timeout()));
                    restored++;
                    continue;
                }
            } catch (FileServiceException | IllegalStateException e) {
                why = e.getMessage();
                if (open != null && files.isOpen(open)) {
                    files.close(open);
                }
            }
            LOG.log(Level.WARNING, "persistent open {0} of {1}\\{2} not re-established: {3}",
                    Long.toHexString(p.durableId()), p.share(), p.path(), why);
            try {
                store.remove(p.openId());
            } catch (IOException e) {
                LOG.log(Level.ERROR, "could not drop persistent open " + p.openId() + " from " + store, e);
            }
        }
        return restored;
    }

    /**
     * Stops writing: the server is stopping, and the opens it closes on the way out stay in the
     * store for the next start (a restart keeps persistent handles, [MS-SMB2] 3.3.7.1).
     */
    public void detach() {
        detached = true;
    }

    /** How many persistent opens are live in this process. */
    public int size() {
        return made.size();
    }
}
