package dev.haven.smb.server;

import dev.haven.files.security.Token;

import dev.haven.smb.Dialect;
import dev.haven.smb.auth.AuthResult;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.TransformCipher;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import java.time.Duration;

/**
 * [MS-SMB2] 3.3.5.5: SESSION_SETUP over the SPNEGO acceptor, one leg per request: a new session
 * (3.3.5.5.1), a re-authentication of an existing one (3.3.5.5.3), or, with the BINDING flag,
 * a new channel of an existing session ({@link SessionBinding}, 3.3.5.5.2).
 *
 * <p>A re-authentication runs on the channel it arrives on while the session stays usable on
 * every channel; on success the session takes the new identity but keeps the keys of its first
 * authentication; on failure the session ends on every channel (as Windows and Samba do).
 */
final class SessionSetupHandler {
    private final SessionBinding binding = new SessionBinding();

    Reply handle(RequestContext ctx, SessionSetupRequest req) throws SmbStatusException {
        Connection c = ctx.connection;
        if ((req.flags() & SessionSetupRequest.FLAG_BINDING) != 0) {
            return binding.handle(ctx, req);
        }
        if (ctx.server().config().encryptData() && (!c.dialect.isSmb3() || c.cipher == null)) {
            // [MS-SMB2] 3.3.5.5 steps 1-2: EncryptData with RejectUnencryptedAccess (always on in
            // Haven) refuses clients that cannot encrypt.
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "server requires encryption");
        }
        Session session = sessionFor(ctx);
        Channel channel = session.channel(c);
        if (channel.binding) {
            // A channel still being bound is not a session of this connection yet (3.3.5.5.2).
            throw new SmbStatusException(NtStatus.USER_SESSION_DELETED, "session setup on a channel being bound");
        }
        ctx.session = session;
        AuthResult result;
        try {
            // [MS-SMB2] 3.3.5.5.1/3.3.5.5.3: each request of the exchange extends the session hash.
            result = channel.accept(ctx, req.securityBuffer());
        } catch (RuntimeException e) {
            c.removeSession(session); // no half-authenticated session outlives an internal error
            throw e;
        }
        return switch (result) {
            case AuthResult.Continue cont -> channel.moreProcessing(ctx, cont);
            case AuthResult.Success ok when session.state() == SessionState.IN_PROGRESS
                    && ok.user().isEmpty() && ctx.server().config().encryptData() -> {
                // A null session has no keys, so it cannot encrypt: where every session must,
                // none is let in ([MS-SMB2] 3.2.4.1.8: an anonymous client does not encrypt).
                channel.acceptor = null;
                c.removeSession(session);
                throw new SmbStatusException(NtStatus.ACCESS_DENIED, "anonymous session where encryption is required");
            }
            case AuthResult.Success ok -> session.state() == SessionState.IN_PROGRESS
                    ? firstAuthentication(ctx, req, session, channel, ok)
                    : reauthenticated(ctx, session, channel, ok);
            case AuthResult.Failure fail -> failure(ctx, session, channel, fail);
        };
    }

    private static Session sessionFor(RequestContext ctx) throws SmbStatusException {
        Connection c = ctx.connection;
        long id = ctx.header.sessionId();
        if (id == 0) {
            Session s = c.newSession();
            if (c.preauth != null) {
                // [MS-SMB2] 3.3.5.5.1: starts from the connection hash
                s.channel(c).preauth = c.preauth.copy();
            }
            return s;
        }
        // [MS-SMB2] 3.3.5.5.3: a session of another connection (not bound here) is not found.
        Session s = c.session(id);
        if (s == null || s.state() == SessionState.CLOSED) {
            throw new SmbStatusException(NtStatus.USER_SESSION_DELETED, "no session " + Long.toHexString(id));
        }
        return s;
    }

    private static Reply firstAuthentication(RequestContext ctx, SessionSetupRequest req, Session s, Channel ch,
            AuthResult.Success ok) {
        Connection c = ctx.connection;
        ServerContext server = ctx.server();
        ch.acceptor = null;
        Duration delay = throttle(ctx, ok);
        int flags = 0;
        identify(s, server, ok);
        if (s.guest) {
            flags |= SessionSetupResponse.IS_GUEST;
        } else if (s.anonymous) {
            flags |= SessionSetupResponse.IS_NULL;
        } else {
            installKeys(c, s, ch, ok.sessionKey());
            // [MS-SMB2] 3.3.5.5.3: signing is required when the server or the client requires
            // it; Haven requires it for every authenticated session unless configured off.
            boolean clientRequires = (req.securityMode() & NegotiateRequest.SIGNING_REQUIRED) != 0;
            s.signingRequired = server.config().requireSigning() || clientRequires;
            if (c.dialect.isSmb3() && server.config().encryptData() && s.cipher != null) {
                s.encryptData = true;
                flags |= SessionSetupResponse.ENCRYPT_DATA;
            }
            ctx.signFinal = true;
        }
        ch.preauth = null;
        s.expirationTime = server.sessions().expirationFrom(server.clock().instant());
        s.moveTo(SessionState.VALID);
        endPreviousSession(ctx, s, req.previousSessionId());
        return new Reply.Respond(NtStatus.SUCCESS, new SessionSetupResponse(flags, ok.responseToken()), delay);
    }

    /**
     * [MS-SMB2] 3.3.5.5.3: after a successful authentication naming a PreviousSessionId, the
     * old session of the same user ends (its opens are closed, except durable ones, which wait for
     * a reconnect: {@link SessionTable#abandon}). Another user's session is left alone.
     */
    private static void endPreviousSession(RequestContext ctx, Session s, long previousSessionId) {
        if (previousSessionId == 0 || previousSessionId == s.sessionId() || s.anonymous || s.guest) {
            return;
        }
        Session previous = ctx.server().sessions().get(previousSessionId);
        if (previous != null && !previous.anonymous && !previous.guest
                && previous.userName.equalsIgnoreCase(s.userName)) {
            ctx.server().sessions().abandon(previous, ctx.server());
        }
    }

    /** The session's identity: who the user is, to the protocol and to the access check. */
    private static void identify(Session s, ServerContext server, AuthResult.Success ok) {
        s.userName = ok.user();
        s.guest = ok.guest();
        s.anonymous = !ok.guest() && ok.user().isEmpty();
        s.token = s.anonymous ? Token.anonymous()
                : server.config().users().sid(ok.user()).map(Token::ofUser).orElseGet(() -> Token.unmapped(ok.user()));
    }

    /** [MS-SMB2] 3.3.5.5.3: a re-authentication keeps the session's keys and takes the new identity. */
    private static Reply reauthenticated(RequestContext ctx, Session s, Channel ch, AuthResult.Success ok) {
        ServerContext server = ctx.server();
        ch.acceptor = null;
        ch.preauth = null;
        Duration delay = throttle(ctx, ok);
        identify(s, server, ok);
        s.expirationTime = server.sessions().expirationFrom(server.clock().instant());
        if (s.state() == SessionState.EXPIRED) {
            s.moveTo(SessionState.VALID);
        }
        int flags = s.guest ? SessionSetupResponse.IS_GUEST : s.anonymous ? SessionSetupResponse.IS_NULL : 0;
        if (s.encryptData) {
            flags |= SessionSetupResponse.ENCRYPT_DATA;
        }
        return new Reply.Respond(NtStatus.SUCCESS, new SessionSetupResponse(flags, ok.responseToken()), delay);
    }

    /** A throttled client waits for a right password too, or the delay would tell it which guess was right. */
    static Duration throttle(RequestContext ctx, AuthResult.Success ok) {
        ServerContext server = ctx.server();
        // The delay is taken before the success resets the counters.
        Duration delay = server.throttle().delayFor(ctx.connection.clientAddress, ok.user());
        server.throttle().recordSuccess(ctx.connection.clientAddress, ok.user());
        return delay;
    }

    /** [MS-SMB2] 3.3.5.5.3: derives Session.SigningKey, EncryptionKey and DecryptionKey; the first channel signs with Session.SigningKey. */
    private static void installKeys(Connection c, Session s, Channel ch, byte[] sessionKey) {
        Dialect d = c.dialect;
        byte[] preauthHash = d == Dialect.SMB_3_1_1 ? ch.preauth.value() : null;
        EncryptionCipher cipher = d.isSmb3() ? c.cipher : null;
        SessionKeys keys = SessionKeys.derive(d, sessionKey, preauthHash, cipher);
        s.signingKey(keys.signingKey());
        ch.signer = MessageSigner.of(c.signingAlgorithm, keys.signingKey());
        if (cipher != null) {
            s.cipher = TransformCipher.of(cipher, keys.encryptionKey(), keys.decryptionKey(), c.server.random());
        }
    }

    private static Reply failure(RequestContext ctx, Session s, Channel ch, AuthResult.Failure fail) {
        // [MS-SMB2] 3.3.5.5.3: a failed exchange removes the session, also a re-authentication
        // of a valid one (on every channel, as Windows and Samba do).
        String user = ch.acceptor == null ? "" : ch.acceptor.claimedUserName().orElse("");
        ch.acceptor = null;
        ctx.connection.removeSession(s);
        return failed(ctx, fail, user);
    }

    /** The status of a failed exchange, with logon throttling. */
    static Reply failed(RequestContext ctx, AuthResult.Failure fail, String user) {
        NtStatus status = switch (fail.reason()) {
            case LOGON_FAILURE -> NtStatus.LOGON_FAILURE;
            case MALFORMED -> NtStatus.INVALID_PARAMETER;
            case UNSUPPORTED -> NtStatus.NOT_SUPPORTED;
        };
        Duration delay = Duration.ZERO;
        if (fail.reason() == AuthResult.Reason.LOGON_FAILURE) {
            String address = ctx.connection.clientAddress;
            ctx.server().throttle().recordFailure(address, user);
            delay = ctx.server().throttle().delayFor(address, user);
        }
        return new Reply.Respond(status, null, delay);
    }
}
