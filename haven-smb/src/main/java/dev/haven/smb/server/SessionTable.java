package dev.haven.smb.server;

import dev.haven.files.durable.PreservedOpen;
import dev.haven.files.lease.LeaseManager;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * [MS-SMB2] 3.3.1.5 GlobalSessionTable: every session of the server by SessionId, whichever
 * connections it is bound to. Thread-safe (a concurrent map); a session itself is shared by
 * its channels and guards its own state (see {@link Session}).
 *
 * <p>Session lifetime: [MS-SMB2] 3.3.5.5.3 sets Session.ExpirationTime from the security
 * context's expiry. NTLM contexts do not expire (as on Windows), so the default lifetime is
 * unlimited; a server may configure one, which then applies to every authentication.
 */
final class SessionTable {
    private final ConcurrentHashMap<Long, Session> sessions = new ConcurrentHashMap<>();
    private final Duration lifetime;

    /** A table whose sessions never expire. */
    SessionTable() {
        this(null);
    }

    /** A table whose sessions expire {@code lifetime} after each authentication; null: never. */
    SessionTable(Duration lifetime) {
        this.lifetime = lifetime;
    }

    /** Creates an IN_PROGRESS session with a fresh non-zero SessionId and a channel on {@code first} ([MS-SMB2] 3.3.5.5.1). */
    Session create(Connection first, SecureRandom random) {
        while (true) {
            long id = random.nextLong() & 0x0000FFFFFFFFFFFFL;
            if (id == 0) {
                continue;
            }
            Session s = new Session(id, first);
            if (sessions.putIfAbsent(id, s) == null) {
                return s;
            }
        }
    }

    /** The session with this id, or null. */
    Session get(long sessionId) {
        return sessions.get(sessionId);
    }

    /** The sessions that have a channel on {@code connection}. */
    List<Session> boundTo(Connection connection) {
        List<Session> bound = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.channel(connection) != null) {
                bound.add(s);
            }
        }
        return bound;
    }

    /** Every session now. */
    List<Session> all() {
        return List.copyOf(sessions.values());
    }

    /** The sessions that hold an open with this durable id. */
    List<Session> holding(long durableId) {
        List<Session> holders = new ArrayList<>();
        for (Session s : sessions.values()) {
            if (s.openByDurableId(durableId) != null) {
                holders.add(s);
            }
        }
        return holders;
    }

    int size() {
        return sessions.size();
    }

    /** Session.ExpirationTime for an authentication completed at {@code now}; null: never. */
    Instant expirationFrom(Instant now) {
        return lifetime == null ? null : now.plus(lifetime);
    }

    /**
     * Ends a session on every channel ([MS-SMB2] 3.3.5.6 LOGOFF, 3.3.5.5.3 a failed
     * re-authentication): it leaves the table and all its opens are closed.
     */
    void close(Session session, ServerContext server) {
        end(session, server, false);
    }

    /**
     * Ends a session whose client went away without logging off ([MS-SMB2] 3.3.7.1 its last
     * connection gone, 3.3.5.5.3 a PreviousSessionId): durable opens that still hold their handle
     * caching are preserved for their owner to reclaim; the other opens are closed.
     */
    void abandon(Session session, ServerContext server) {
        end(session, server, true);
    }

    private void end(Session session, ServerContext server, boolean preserveDurable) {
        if (!session.close()) {
            return;
        }
        if (sessions.remove(session.sessionId(), session)) {
            server.observer().sessionEnded(session.sessionId());
        }
        for (Connection c : session.connections()) {
            // Each connection's pending requests are its own executor's: cancel them there.
            c.output.execute(() -> c.pending.cancelAll(p -> p.context().session == session,
                    PendingRequest.CancelReason.LOGOFF));
        }
        List<SmbOpen> closing = new ArrayList<>();
        for (SmbOpen o : session.takeOpens(0)) {
            if (preserveDurable && keepsHandleCaching(server, o)) {
                DurableContexts.Granted d = o.durable();
                server.breaks().closed(o);
                server.fileService().durable().preserve(Session.durableId(o.open()), new PreservedOpen(o,
                        session.token.user(), d.client(), d.leaseKey(), d.createGuid(), d.timeout()));
            } else {
                closing.add(o);
            }
        }
        Opens.closeAll(server, closing);
    }

    /**
     * 3.3.7.1: a durable open survives only with a batch oplock or a lease with handle caching,
     * and not while a break of it is outstanding: the client that could acknowledge it is gone,
     * so it is closed now and the open that caused the break goes ahead. A persistent or
     * resilient open survives whatever its caching.
     */
    private static boolean keepsHandleCaching(ServerContext server, SmbOpen o) {
        DurableContexts.Granted d = o.durable();
        if (d == null) {
            return false;
        }
        if (d.keptWithoutCaching()) {
            return true;
        }
        LeaseManager leases = server.fileService().leases();
        if (d.leaseKey() != null) {
            return leases.leaseOf(d.client(), d.leaseKey())
                    .map(g -> g.state().has(LeaseState.HANDLE_CACHING) && !g.breakInProgress()).orElse(false);
        }
        return leases.oplockOf(o.open().id()) == OplockLevel.BATCH && !leases.oplockBreaking(o.open().id());
    }

    /** [MS-SMB2] 3.3.7.1: the connection is gone; sessions left without a channel end. */
    void connectionClosed(Connection connection, ServerContext server) {
        for (Session s : boundTo(connection)) {
            if (s.removeChannel(connection)) {
                abandon(s, server);
            }
        }
    }
}
