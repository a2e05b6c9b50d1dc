package dev.haven.node;

import java.time.Instant;

/**
 * An authenticated SMB session.
 *
 * @param virtualServer the virtual file server it is connected to
 * @param sessionId [MS-SMB2] 3.3.1.8 Session.SessionId
 * @param user the authenticated user ("" for anonymous)
 * @param clientAddress the client's address and port
 * @param dialect the negotiated dialect
 * @param since when it authenticated
 */
public record SessionInfo(String virtualServer, long sessionId, String user, String clientAddress, String dialect,
        Instant since) {}
