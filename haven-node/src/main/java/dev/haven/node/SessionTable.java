package dev.haven.node;

import dev.haven.smb.server.SmbObserver;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.NtStatus;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The authenticated sessions of one virtual file server, kept from what its SMB listeners report;
 * everything else goes on to the node's metrics.
 */
final class SessionTable implements SmbObserver {
    private final String virtualServer;
    private final SmbObserver next;
    private final Clock clock;
    private final ConcurrentHashMap<Long, SessionInfo> sessions = new ConcurrentHashMap<>();

    SessionTable(String virtualServer, SmbObserver next, Clock clock) {
        this.virtualServer = virtualServer;
        this.next = next;
        this.clock = clock;
    }

    List<SessionInfo> list() {
        return sessions.values().stream().sorted(Comparator.comparing(SessionInfo::since)).toList();
    }

    @Override
    public void sessionStarted(long sessionId, String user, String clientAddress, String dialect) {
        sessions.putIfAbsent(sessionId, new SessionInfo(virtualServer, sessionId, user, clientAddress, dialect,
                clock.instant()));
        next.sessionStarted(sessionId, user, clientAddress, dialect);
    }

    @Override
    public void sessionEnded(long sessionId) {
        sessions.remove(sessionId);
        next.sessionEnded(sessionId);
    }

    @Override
    public void requestDone(Command command, NtStatus status, long nanos) {
        next.requestDone(command, status, nanos);
    }

    @Override
    public void bytesRead(long bytes) {
        next.bytesRead(bytes);
    }

    @Override
    public void bytesWritten(long bytes) {
        next.bytesWritten(bytes);
    }
}
