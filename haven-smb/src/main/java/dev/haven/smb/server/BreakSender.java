package dev.haven.smb.server;

import dev.haven.files.ClientGuid;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import dev.haven.files.lease.BreakListener;
import dev.haven.files.lease.BreakNotification;
import dev.haven.files.lease.LeaseManager;
import dev.haven.smb.wire.LeaseBreakNotification;
import dev.haven.smb.wire.OplockBreak;
import dev.haven.smb.wire.Smb2Response;
import java.lang.System.Logger.Level;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivers the file service's breaks to SMB clients ([MS-SMB2] 3.3.4.6 oplock break, 3.3.4.7
 * lease break): finds the connection of the open (or of an open of the lease), and queues the
 * notification on that connection's serial executor. Breaks of opens this server does not serve
 * (another listener's, an NFS open's) are ignored. Thread-safe; never blocks the caller.
 */
final class BreakSender implements BreakListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(BreakSender.class.getName());

    /**
     * Where an open's breaks go.
     *
     * @param leaseKey the open's lease key, or null for an open without a lease
     */
    private record Route(Connection connection, Session session, SmbOpen open, ClientGuid client, LeaseKey leaseKey) {}

    private final ConcurrentHashMap<OpenId, Route> routes = new ConcurrentHashMap<>();
    /** When each connection with opens got its first one: lease breaks go to a client's oldest. */
    private final ConcurrentHashMap<Connection, Long> connectionOrder = new ConcurrentHashMap<>();
    private final java.util.concurrent.atomic.AtomicLong nextOrder = new java.util.concurrent.atomic.AtomicLong();
    private final Runnable unsubscribe;

    BreakSender(LeaseManager leases) {
        this.unsubscribe = leases.subscribe(this);
    }

    /** Remembers where the breaks of a new open go ({@code leaseKey} null without a lease). */
    void opened(Connection c, Session s, SmbOpen open, LeaseKey leaseKey) {
        connectionOrder.computeIfAbsent(c, k -> nextOrder.getAndIncrement());
        routes.put(open.open().id(), new Route(c, s, open, clientGuid(c), leaseKey));
    }

    /** The lease key {@code open} was opened with, or null when it holds no lease. */
    LeaseKey leaseKeyOf(SmbOpen open) {
        Route r = routes.get(open.open().id());
        return r == null ? null : r.leaseKey();
    }

    /** Forgets a closed open. */
    void closed(SmbOpen open) {
        Route gone = routes.remove(open.open().id());
        if (gone != null && routes.values().stream().noneMatch(r -> r.connection() == gone.connection())) {
            connectionOrder.remove(gone.connection());
        }
    }

    /** [MS-SMB2] 3.3.1.7 Connection.ClientGuid as the file service's client identity. */
    static ClientGuid clientGuid(Connection c) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(c.clientGuid);
        return new ClientGuid(new java.util.UUID(b.getLong(), b.getLong()));
    }

    @Override
    public void onBreak(BreakNotification n) {
        switch (n) {
            case BreakNotification.OplockBreak o -> {
                Route r = routes.get(o.open());
                if (r != null) {
                    send(r, new OplockBreak(o.to().code(), r.open().fileId()), r.session().sessionId());
                }
            }
            case BreakNotification.LeaseBreak l -> {
                Route r = leaseRoute(l.client(), l.leaseKey());
                if (r != null) {
                    int flags = l.ackRequired() ? LeaseBreakNotification.ACK_REQUIRED : 0;
                    // [MS-SMB2] 3.3.4.7: NewEpoch only for a v2 lease; a lease break names no session.
                    send(r, new LeaseBreakNotification(l.v2() ? l.newEpoch() : 0, flags,
                            new dev.haven.smb.wire.Smb2LeaseKey(l.leaseKey().high(), l.leaseKey().low()),
                            l.from().bits(), l.to().bits()), 0);
                }
            }
        }
    }

    /**
     * [MS-SMB2] 3.3.4.7: a lease break goes to one connection of the client; as Samba (and
     * smb2.lease.v2_complex1 expects), the client's oldest connection that has opens, even when the
     * lease's own opens are on another. The session is one of that connection's.
     */
    private Route leaseRoute(ClientGuid client, LeaseKey key) {
        Route best = null;
        long bestOrder = Long.MAX_VALUE;
        boolean leaseSeen = false;
        for (Route r : routes.values()) {
            leaseSeen |= key.equals(r.leaseKey()) && client.equals(r.client());
            long order = connectionOrder.getOrDefault(r.connection(), Long.MAX_VALUE);
            if (client.equals(r.client()) && order < bestOrder) {
                best = r;
                bestOrder = order;
            }
        }
        return leaseSeen ? best : null;
    }

    private static void send(Route r, Smb2Response body, long sessionId) {
        Connection c = r.connection();
        LOG.log(Level.DEBUG, "break to {0}: {1}", c.clientAddress, body);
        c.output.executeFirst(() -> {
            Session s = r.session();
            TreeConnect tree = s.tree(r.open().treeId());
            boolean encrypt = s.encryptData || tree != null && tree.encryptData();
            c.output.send(FrameProcessor.breakNotification(s, body, sessionId, encrypt));
        });
    }

    /** Stops listening for breaks. */
    @Override
    public void close() {
        unsubscribe.run();
    }
}
