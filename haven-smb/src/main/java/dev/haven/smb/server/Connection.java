package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.PreauthIntegrity;
import dev.haven.smb.crypto.SigningAlgorithm;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * [MS-SMB2] 3.3.1.7: the state of one transport connection. Touched only by the connection's
 * serial executor, so it needs no locks.
 */
final class Connection {
    /** [MS-SMB2] 3.3.1.7: the phases of Connection.Dialect. */
    enum Phase {
        /** Nothing negotiated yet. */
        NEW,
        /** SMB1 negotiate answered with the 0x02FF wildcard; an SMB2 NEGOTIATE must follow. */
        WILDCARD,
        /** A dialect is negotiated. */
        NEGOTIATED
    }

    /**
     * Credits a client may hold at once. [MS-SMB2] 3.3.1.2 leaves the number to the server; 8192
     * is what Samba grants and what smbtorture's smb2.credits tests expect a client to reach.
     */
    static final int MAX_CREDITS = 8192;

    final ServerContext server;
    final String clientAddress;
    final CreditWindow credits = new CreditWindow(MAX_CREDITS);
    private final Map<Long, Session> sessions = new HashMap<>();

    Phase phase = Phase.NEW;
    Dialect dialect;
    byte[] clientGuid = new byte[16];
    int clientCapabilities;
    int clientSecurityMode;
    List<Integer> clientDialects = List.of();
    /** Capabilities and SecurityMode the server sent, for VALIDATE_NEGOTIATE_INFO. */
    int serverCapabilities;
    int serverSecurityMode;
    /** 3.1.1 only: Connection.PreauthIntegrityHashValue after NEGOTIATE. */
    PreauthIntegrity preauth;
    /** Connection.CipherId: null when the connection cannot encrypt. */
    EncryptionCipher cipher;
    SigningAlgorithm signingAlgorithm = SigningAlgorithm.HMAC_SHA256;

    Connection(ServerContext server, String clientAddress) {
        this.server = server;
        this.clientAddress = clientAddress;
    }

    /** True once NEGOTIATE completed with a real dialect. */
    boolean negotiated() {
        return phase == Phase.NEGOTIATED;
    }

    Session session(long sessionId) {
        return sessions.get(sessionId);
    }

    /** Allocates a non-zero SessionId unused on this server ([MS-SMB2] 3.3.5.5.1). */
    Session newSession() {
        SecureRandom random = server.random();
        long id;
        do {
            id = random.nextLong() & 0x0000FFFFFFFFFFFFL;
        } while (id == 0 || id == -1 || sessions.containsKey(id));
        Session session = new Session(id);
        sessions.put(id, session);
        return session;
    }

    void removeSession(Session session) {
        if (session.state() != SessionState.CLOSED) {
            session.moveTo(SessionState.CLOSED);
        }
        if (sessions.remove(session.sessionId()) != null) {
            server.observer().sessionEnded(session.sessionId());
        }
    }

    /** [MS-SMB2] 3.3.7.1: the transport is gone; every session and its opens go with it. */
    void closeAll() {
        for (Session s : List.copyOf(sessions.values())) {
            removeSession(s);
            Opens.closeAll(server, s.takeOpens(0));
        }
    }

    int sessionCount() {
        return sessions.size();
    }
}
