package dev.haven.smb.server;

import dev.haven.files.security.Token;

import dev.haven.smb.Dialect;
import dev.haven.smb.auth.AuthResult;
import dev.haven.smb.auth.SpnegoAcceptor;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.TransformCipher;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import java.time.Duration;

/** [MS-SMB2] 3.3.5.5: SESSION_SETUP over the SPNEGO acceptor, one leg per request. */
final class SessionSetupHandler {

    Reply handle(RequestContext ctx, SessionSetupRequest req) throws SmbStatusException {
        Connection c = ctx.connection;
        if ((req.flags() & SessionSetupRequest.FLAG_BINDING) != 0) {
            // Haven is not multichannel-capable: [MS-SMB2] 3.3.5.5 step 4 does not apply.
            throw new SmbStatusException(NtStatus.REQUEST_NOT_ACCEPTED, "session binding");
        }
        if (ctx.server().config().encryptData() && (!c.dialect.isSmb3() || c.cipher == null)) {
            // [MS-SMB2] 3.3.5.5 steps 1-2: EncryptData with RejectUnencryptedAccess (always on in
            // Haven) refuses clients that cannot encrypt.
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "server requires encryption");
        }
        Session session = sessionFor(ctx);
        ctx.session = session;
        if (session.acceptor == null) {
            if (session.isValid()) {
                session.moveTo(SessionState.IN_PROGRESS); // re-authentication keeps the keys
            }
            session.acceptor = new SpnegoAcceptor(ctx.server().config().users(), ctx.server().config().identity(),
                    ctx.server().clock(), ctx.server().random());
        }
        if (session.preauth != null) {
            // [MS-SMB2] 3.3.5.5.1/3.3.5.5.3: each request of the exchange extends the session hash.
            session.preauth.update(ctx.message, 0, ctx.message.length);
        }
        AuthResult result;
        try {
            result = session.acceptor.accept(req.securityBuffer());
        } catch (RuntimeException e) {
            c.removeSession(session); // no half-authenticated session outlives an internal error
            throw e;
        }
        return switch (result) {
            case AuthResult.Continue cont -> {
                ctx.hashResponseInto = session;
                yield new Reply.Respond(NtStatus.MORE_PROCESSING_REQUIRED, new SessionSetupResponse(0,
                        cont.responseToken()));
            }
            case AuthResult.Success ok -> success(ctx, req, session, ok);
            case AuthResult.Failure fail -> failure(ctx, session, fail);
        };
    }

    private static Session sessionFor(RequestContext ctx) throws SmbStatusException {
        Connection c = ctx.connection;
        long id = ctx.header.sessionId();
        if (id == 0) {
            Session s = c.newSession();
            if (c.preauth != null) {
                s.preauth = c.preauth.copy(); // [MS-SMB2] 3.3.5.5.1: starts from the connection hash
            }
            return s;
        }
        Session s = c.session(id);
        if (s == null) {
            throw new SmbStatusException(NtStatus.USER_SESSION_DELETED, "no session " + Long.toHexString(id));
        }
        return s;
    }

    private static Reply success(RequestContext ctx, SessionSetupRequest req, Session s, AuthResult.Success ok) {
        Connection c = ctx.connection;
        ServerContext server = ctx.server();
        boolean reauth = s.signer != null || s.anonymous || s.guest;
        s.acceptor = null;
        s.moveTo(SessionState.VALID);
        // A throttled client waits for a right password too, or the delay would tell it which
        // guess was right; the delay is taken before the success resets the counters.
        Duration delay = server.throttle().delayFor(c.clientAddress, ok.user());
        server.throttle().recordSuccess(c.clientAddress, ok.user());
        int flags = 0;
        if (!reauth) {
            s.userName = ok.user();
            s.token = server.config().users().sid(ok.user()).map(Token::ofUser).orElseGet(() -> Token.unmapped(ok.user()));
            s.guest = ok.guest();
            s.anonymous = !ok.guest() && ok.user().isEmpty();
            if (s.guest) {
                flags |= SessionSetupResponse.IS_GUEST;
            } else if (s.anonymous) {
                flags |= SessionSetupResponse.IS_NULL;
            } else {
                installKeys(c, s, ok.sessionKey());
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
        }
        s.preauth = null;
        return new Reply.Respond(NtStatus.SUCCESS, new SessionSetupResponse(flags, ok.responseToken()), delay);
    }

    /** [MS-SMB2] 3.3.5.5.3: derives Session.SigningKey, EncryptionKey and DecryptionKey. */
    private static void installKeys(Connection c, Session s, byte[] sessionKey) {
        Dialect d = c.dialect;
        byte[] preauthHash = d == Dialect.SMB_3_1_1 ? s.preauth.value() : null;
        EncryptionCipher cipher = d.isSmb3() ? c.cipher : null;
        SessionKeys keys = SessionKeys.derive(d, sessionKey, preauthHash, cipher);
        s.signer = MessageSigner.of(c.signingAlgorithm, keys.signingKey());
        if (cipher != null) {
            s.cipher = TransformCipher.of(cipher, keys.encryptionKey(), keys.decryptionKey(), c.server.random());
        }
    }

    private static Reply failure(RequestContext ctx, Session s, AuthResult.Failure fail) {
        Connection c = ctx.connection;
        // [MS-SMB2] 3.3.5.5.3: a failed exchange removes the session.
        c.removeSession(s);
        NtStatus status = switch (fail.reason()) {
            case LOGON_FAILURE -> NtStatus.LOGON_FAILURE;
            case MALFORMED -> NtStatus.INVALID_PARAMETER;
            case UNSUPPORTED -> NtStatus.NOT_SUPPORTED;
        };
        Duration delay = Duration.ZERO;
        if (fail.reason() == AuthResult.Reason.LOGON_FAILURE) {
            String user = s.acceptor == null ? "" : s.acceptor.claimedUserName().orElse("");
            ctx.server().throttle().recordFailure(c.clientAddress, user);
            delay = ctx.server().throttle().delayFor(c.clientAddress, user);
        }
        s.acceptor = null;
        return new Reply.Respond(status, null, delay);
    }
}
