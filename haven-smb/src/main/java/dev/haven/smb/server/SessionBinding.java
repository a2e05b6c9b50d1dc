package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.auth.AuthResult;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * [MS-SMB2] 3.3.5.5 step 4 and 3.3.5.5.2: SESSION_SETUP with SMB2_SESSION_FLAG_BINDING binds this
 * connection to an existing session as a new {@link Channel}. The session is found in the
 * global table; the binding request is signed with Session.SigningKey (under the algorithm of the
 * session's first connection), and so are the answers until the channel has its own key, which
 * then signs with this connection's algorithm. A successful
 * exchange must authenticate the session's user and gives the channel its own signing key
 * (3.1.1: from this channel's preauth hash); a failed one removes only the new channel.
 *
 * <p>Refusals, in the order checked (the spec's, with the signing-algorithm and dialect-family
 * checks placed first as Windows and Samba do, which smbtorture's bind_negative tests pin):
 * <pre>
 *   SessionId 0                                   STATUS_INVALID_PARAMETER
 *   no such session                               STATUS_USER_SESSION_DELETED
 *   session signs with GMAC, connection differs   STATUS_REQUEST_OUT_OF_SEQUENCE
 *   connection signs with GMAC, session differs   STATUS_NOT_SUPPORTED
 *   connection dialect below 3.0                  STATUS_REQUEST_NOT_ACCEPTED
 *   request not signed                            STATUS_INVALID_PARAMETER
 *   signature wrong                               STATUS_ACCESS_DENIED
 *   dialect or cipher differs from the session's  STATUS_INVALID_PARAMETER
 *   session in progress                           STATUS_REQUEST_NOT_ACCEPTED
 *   session expired                               STATUS_NETWORK_SESSION_EXPIRED
 *   channel already bound here                    STATUS_REQUEST_NOT_ACCEPTED
 *   anonymous or guest session                    STATUS_NOT_SUPPORTED
 *   authenticated as another user                 STATUS_ACCESS_DENIED
 * </pre>
 */
final class SessionBinding {
    /** The most channels one session may have (Windows' limit, smbtorture's smb2.multichannel.generic.num_channels). */
    static final int MAX_CHANNELS = 32;

    Reply handle(RequestContext ctx, SessionSetupRequest req) throws SmbStatusException {
        Connection c = ctx.connection;
        long id = ctx.header.sessionId();
        if (id == 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "binding without a SessionId");
        }
        Session s = ctx.server().sessions().get(id);
        if (s == null || s.state() == SessionState.CLOSED) {
            throw new SmbStatusException(NtStatus.USER_SESSION_DELETED, "no session " + Long.toHexString(id));
        }
        boolean signatureValid = verifySignature(ctx, s);
        checkBindable(ctx, s, signatureValid);
        Channel ch = s.channel(c);
        if (ch == null && s.channelCount() >= MAX_CHANNELS) {
            // As Windows: a session has at most 32 channels; more is STATUS_INSUFFICIENT_RESOURCES.
            throw new SmbStatusException(NtStatus.INSUFFICIENT_RESOURCES, "session " + Long.toHexString(id) + " has "
                    + MAX_CHANNELS + " channels");
        }
        if (ch == null) {
            ch = s.addChannel(c);
            if (ch == null) {
                throw new SmbStatusException(NtStatus.USER_SESSION_DELETED, "session closed while binding");
            }
            ch.binding = true;
        }
        ctx.session = s;
        if (ch.acceptor == null) {
            // 3.1.1: the binding exchange is hashed from this connection's NEGOTIATE on.
            ch.preauth = c.preauth != null ? c.preauth.copy() : null;
        }
        AuthResult result;
        try {
            result = ch.accept(ctx, req.securityBuffer());
        } catch (RuntimeException e) {
            s.removeChannel(c);
            throw e;
        }
        return switch (result) {
            case AuthResult.Continue cont -> ch.moreProcessing(ctx, cont);
            case AuthResult.Success ok -> bound(ctx, s, ch, ok);
            case AuthResult.Failure fail -> {
                String user = ch.acceptor.claimedUserName().orElse("");
                dropChannel(ctx, s);
                yield SessionSetupHandler.failed(ctx, fail, user);
            }
        };
    }

    /**
     * Checks the binding request's signature: with Session.SigningKey, or with the channel's own
     * key once it has one. When it is right, the answers
     * are signed with the same key ([MS-SMB2] 3.3.4.1.1).
     */
    private static boolean verifySignature(RequestContext ctx, Session s) {
        Channel existing = s.channel(ctx.connection);
        MessageSigner signer;
        if (existing != null && existing.hasKeys()) {
            signer = existing.signer;
        } else {
            byte[] key = s.signingKey();
            // Session.SigningKey keeps the algorithm it was made for (Session.Connection's), as
            // the client signs the binding request with it; Samba and Windows verify it so.
            signer = key == null ? null : MessageSigner.of(s.signingAlgorithm(), key);
        }
        if (!ctx.header.isSigned() || signer == null || !signer.verify(ctx.message, 0, ctx.message.length)) {
            return false;
        }
        ctx.responseSigner = signer;
        return true;
    }

    private static void checkBindable(RequestContext ctx, Session s, boolean signatureValid)
            throws SmbStatusException {
        Connection c = ctx.connection;
        if (s.signingAlgorithm() == SigningAlgorithm.AES_GMAC && c.signingAlgorithm != s.signingAlgorithm()) {
            throw refused(NtStatus.REQUEST_OUT_OF_SEQUENCE, "session signs with GMAC, connection with " + c.signingAlgorithm);
        }
        if (c.signingAlgorithm == SigningAlgorithm.AES_GMAC && s.signingAlgorithm() != c.signingAlgorithm) {
            throw refused(NtStatus.NOT_SUPPORTED, "connection signs with GMAC, session with " + s.signingAlgorithm());
        }
        if (!c.dialect.isSmb3()) {
            // [MS-SMB2] 3.3.5.5 step 4 applies to 3.x connections only; 2.x cannot bind.
            throw refused(NtStatus.REQUEST_NOT_ACCEPTED, "binding on " + c.dialect);
        }
        if (!ctx.header.isSigned()) {
            throw refused(NtStatus.INVALID_PARAMETER, "unsigned binding request");
        }
        if (!signatureValid) {
            throw refused(NtStatus.ACCESS_DENIED, "binding request signature");
        }
        if (s.dialect() != c.dialect || s.connectionCipher() != c.cipher) {
            throw refused(NtStatus.INVALID_PARAMETER, "session on " + s.dialect() + "/" + s.connectionCipher()
                    + ", connection on " + c.dialect + "/" + c.cipher);
        }
        switch (s.checkExpiry(ctx.server().clock().instant())) {
            case IN_PROGRESS -> throw refused(NtStatus.REQUEST_NOT_ACCEPTED, "session still authenticating");
            case EXPIRED -> throw refused(NtStatus.NETWORK_SESSION_EXPIRED, "session expired");
            case CLOSED -> throw refused(NtStatus.USER_SESSION_DELETED, "session closed");
            case VALID -> { }
        }
        Channel existing = s.channel(c);
        if (existing != null && existing.hasKeys()) {
            throw refused(NtStatus.REQUEST_NOT_ACCEPTED, "connection already bound to the session");
        }
        if (s.anonymous || s.guest) {
            throw refused(NtStatus.NOT_SUPPORTED, "binding to an anonymous or guest session");
        }
    }

    private static SmbStatusException refused(NtStatus status, String why) {
        return new SmbStatusException(status, "session binding refused: " + why);
    }

    /** [MS-SMB2] 3.3.5.5.3: a completed binding derives Channel.SigningKey from its own exchange. */
    private static Reply bound(RequestContext ctx, Session s, Channel ch, AuthResult.Success ok) {
        Connection c = ctx.connection;
        ch.acceptor = null;
        Duration delay = SessionSetupHandler.throttle(ctx, ok);
        byte[] sessionKey = ok.sessionKey();
        boolean sameUser = !ok.guest() && !ok.user().isEmpty() && ok.user().equalsIgnoreCase(s.userName);
        if (!sameUser || sessionKey == null || sessionKey.length == 0) {
            dropChannel(ctx, s);
            NtStatus status = sameUser ? NtStatus.NOT_SUPPORTED : NtStatus.ACCESS_DENIED;
            return new Reply.Respond(status, null, delay);
        }
        byte[] preauthHash = c.dialect == Dialect.SMB_3_1_1 ? ch.preauth.value() : null;
        byte[] signingKey = SessionKeys.derive(c.dialect, sessionKey, preauthHash, null).signingKey();
        Arrays.fill(sessionKey, (byte) 0);
        ch.preauth = null;
        ch.signer = MessageSigner.of(c.signingAlgorithm, signingKey);
        ch.binding = false;
        ctx.responseSigner = null;
        ctx.signFinal = true;
        return new Reply.Respond(NtStatus.SUCCESS, new SessionSetupResponse(0, ok.responseToken()), delay);
    }

    /** A failed or refused binding leaves the session as it was; if it was its last channel, it ends. */
    private static void dropChannel(RequestContext ctx, Session s) {
        if (s.removeChannel(ctx.connection)) {
            ctx.server().sessions().close(s, ctx.server());
        }
        ctx.session = null;
    }
}
