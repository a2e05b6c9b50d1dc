package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.PreauthIntegrity;
import dev.haven.smb.crypto.SigningAlgorithm;
import java.util.List;

/**
 * [MS-SMB2] 3.3.1.7: the state of one transport connection. Touched only by the connection's
 * serial executor, so it needs no locks. Its sessions live in the server's {@link SessionTable};
 * a session is on this connection when it has a {@link Channel} here.
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
    /** Late responses and server-initiated messages leave through here. */
    final ConnectionOutput output;
    /** [MS-SMB2] 3.3.1.7 Connection.AsyncCommandList. */
    final PendingRequests pending = new PendingRequests();
    final CreditWindow credits = new CreditWindow(MAX_CREDITS);

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

    Connection(ServerContext server, String clientAddress, ConnectionOutput output) {
        this.server = server;
        this.clientAddress = clientAddress;
        this.output = output;
    }

    /** True once NEGOTIATE completed with a real dialect. */
    boolean negotiated() {
        return phase == Phase.NEGOTIATED;
    }

    /**
     * The session with this id if it has a channel on this connection ([MS-SMB2] 3.3.5.2.9:
     * a session of another connection is not found here), else null.
     */
    Session session(long sessionId) {
        Session s = server.sessions().get(sessionId);
        return s != null && s.channel(this) != null ? s : null;
    }

    /** A new session in the server's table, with its first channel here ([MS-SMB2] 3.3.5.5.1). */
    Session newSession() {
        return server.sessions().create(this, server.random());
    }

    /** Ends a session on every channel (LOGOFF, failed authentication). */
    void removeSession(Session session) {
        server.sessions().close(session, server);
    }

    /**
     * [MS-SMB2] 3.3.7.1: the transport is gone; its pending requests go, and so does every
     * session left without another channel (with its opens).
     */
    void closeAll() {
        pending.cancelAll(p -> true, PendingRequest.CancelReason.DISCONNECT);
        server.sessions().connectionClosed(this, server);
    }

    /** How many sessions have a channel on this connection. */
    int sessionCount() {
        return server.sessions().boundTo(this).size();
    }
}
