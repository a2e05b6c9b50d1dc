package dev.haven.smb.server;

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

    int size() {
        return sessions.size();
    }

    /** Session.ExpirationTime for an authentication completed at {@code now}; null: never. */
    Instant expirationFrom(Instant now) {
        return lifetime == null ? null : now.plus(lifetime);
    }

    /**
     * Ends a session on every channel ([MS-SMB2] 3.3.5.6 LOGOFF, 3.3.5.5.3 a failed
     * re-authentication or a PreviousSessionId, 3.3.7.1 its last connection gone): it leaves the
     * table and its opens are closed. This is the seam for durable handles: opens that must
     * outlive their session will be preserved here instead of closed.
     */
    void close(Session session, ServerContext server) {
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
        Opens.closeAll(server, session.takeOpens(0));
    }

    /** [MS-SMB2] 3.3.7.1: the connection is gone; sessions left without a channel end. */
    void connectionClosed(Connection connection, ServerContext server) {
        for (Session s : boundTo(connection)) {
            if (s.removeChannel(connection)) {
                close(s, server);
            }
        }
    }
}
