package dev.haven.smb.server;

import dev.haven.files.FileServiceException;
import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.Smb2Request;
import dev.haven.smb.wire.WireReader;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;

/**
 * [MS-SMB2] 3.3.5.2: one SMB2 request from header to reply: sequence window, connection phase,
 * decode, session, signature, tree and encryption checks, then dispatch. This is the one place
 * that maps failures: a protocol violation propagates (the connection is dropped), a
 * per-request error becomes its status, anything unexpected becomes STATUS_INTERNAL_ERROR with
 * one ERROR log.
 */
final class RequestPipeline {
    private static final Logger LOG = System.getLogger(RequestPipeline.class.getName());

    private final Dispatcher dispatcher = new Dispatcher();

    /** Runs one request; returns the reply to send (or {@link Reply.None}), and tells the observer. */
    Reply process(RequestContext ctx) throws ProtocolViolationException {
        long start = System.nanoTime();
        Reply reply = run(ctx);
        observe(ctx, reply, System.nanoTime() - start);
        return reply;
    }

    private static void observe(RequestContext ctx, Reply reply, long nanos) {
        SmbObserver o = ctx.connection.server.observer();
        NtStatus status = reply instanceof Reply.Respond r ? r.status() : NtStatus.CANCELLED;
        o.requestDone(ctx.header.command(), status, nanos);
        if (reply instanceof Reply.Respond r && r.status().equals(NtStatus.SUCCESS)) {
            switch (r.body()) {
                case dev.haven.smb.wire.ReadResponse read -> o.bytesRead(read.length());
                case dev.haven.smb.wire.WriteResponse write -> o.bytesWritten(write.count());
                case dev.haven.smb.wire.SessionSetupResponse ignored when ctx.session != null -> o.sessionStarted(
                        ctx.session.sessionId(), ctx.session.userName, ctx.connection.clientAddress,
                        String.valueOf(ctx.connection.dialect));
                case null, default -> { }
            }
        }
    }

    private Reply run(RequestContext ctx) throws ProtocolViolationException {
        Smb2Header h = ctx.header;
        if (h.command() != Command.CANCEL && !ctx.connection.credits.consume(h.messageId(), charge(ctx))) {
            // [MS-SMB2] 3.3.5.2.3: a MessageId outside the window ends the connection.
            throw new ProtocolViolationException("MessageId " + h.messageId() + " outside the sequence window");
        }
        if (!ctx.connection.negotiated() && h.command() != Command.NEGOTIATE) {
            throw new ProtocolViolationException(h.command() + " before NEGOTIATE");
        }
        if (ctx.relatedFailure != null) {
            return new Reply.Respond(ctx.relatedFailure, null);
        }
        try {
            // [MS-SMB2] 3.3.5.2.9 and 3.3.5.2.11: session, signature and tree are checked before the body.
            verify(ctx);
            Smb2Request request = Smb2Request.decode(h, new WireReader(ctx.message, ctx.trailing));
            if (ctx.sessionExpired && !allowedWhenExpired(request)) {
                throw new SmbStatusException(NtStatus.NETWORK_SESSION_EXPIRED, "session expired");
            }
            Reply reply = dispatcher.dispatch(ctx, request);
            commitOnContinuouslyAvailable(ctx, reply);
            return reply;
        } catch (SmbStatusException e) {
            LOG.log(Level.DEBUG, "{0} from {1}: {2}", h.command(), ctx.connection.clientAddress, e.getMessage());
            return new Reply.Respond(e.status(), null);
        } catch (FileServiceException e) {
            LOG.log(Level.DEBUG, "{0} from {1}: {2}", h.command(), ctx.connection.clientAddress, e.getMessage());
            return new Reply.Respond(FileServiceStatus.of(e.error()), null);
        } catch (MalformedMessageException e) {
            if (e.fatal()) {
                throw new ProtocolViolationException(e.getMessage());
            }
            ClientFaultLog.warn("malformed {0} from {1}: {2}", h.command(), ctx.connection.clientAddress,
                    e.getMessage());
            return new Reply.Respond(NtStatus.INVALID_PARAMETER, null);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "internal error serving " + h.command() + " from " + ctx.connection.clientAddress, e);
            return new Reply.Respond(NtStatus.INTERNAL_ERROR, null);
        }
    }

    /**
     * [MS-SMB2] 3.3.1.6 Share.IsCA: on a continuously available share a change is stable before
     * it is answered, so a restart loses nothing a client was told is done. WRITE and CREATE
     * commit themselves; CLOSE (delete on close), SET_INFO (size, times, names) and IOCTL (copies,
     * sparse ranges) commit here.
     */
    private static void commitOnContinuouslyAvailable(RequestContext ctx, Reply reply) {
        ShareConfig share = ctx.tree == null ? null : ctx.tree.share();
        if (share == null || !share.continuouslyAvailable() || share.storage() == null
                || !(reply instanceof Reply.Respond r) || !r.status().equals(NtStatus.SUCCESS)) {
            return;
        }
        switch (ctx.header.command()) {
            case CLOSE, SET_INFO, IOCTL -> ctx.server().fileService().commit(share.storage());
            default -> { }
        }
    }

    /** [MS-SMB2] 3.3.5.2.3: 2.0.2 and CreditCharge 0 both count as one id. */
    private static int charge(RequestContext ctx) {
        Dialect d = ctx.connection.dialect;
        if (d == null || d == Dialect.SMB_2_0_2) {
            return 1;
        }
        return Math.max(1, ctx.header.creditCharge());
    }

    private static void verify(RequestContext ctx) throws SmbStatusException {
        Command command = ctx.header.command();
        switch (command) {
            case NEGOTIATE, CANCEL -> { }
            case SESSION_SETUP -> verifyReauthSignature(ctx);
            case ECHO -> attachOptionalSession(ctx);
            case LOGOFF, TREE_CONNECT -> verifySession(ctx);
            default -> {
                verifySession(ctx);
                verifyTree(ctx);
            }
        }
    }

    /**
     * [MS-SMB2] 3.3.5.2.9 and 3.3.5.2.4: the session has a channel on this connection, is valid
     * (or expired: see {@link #allowedWhenExpired}), signed and encrypted as it must.
     */
    private static void verifySession(RequestContext ctx) throws SmbStatusException {
        Session s = ctx.connection.session(ctx.header.sessionId());
        Channel ch = s == null ? null : s.channel(ctx.connection);
        if (ch == null || ch.binding || s.state() == SessionState.IN_PROGRESS || s.state() == SessionState.CLOSED) {
            throw new SmbStatusException(NtStatus.USER_SESSION_DELETED, "no valid session " + ctx.header.sessionId());
        }
        ctx.session = s;
        if (s.encryptData && !ctx.encrypted) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "session requires encryption");
        }
        verifySignature(ctx, s);
        ctx.sessionExpired = s.checkExpiry(ctx.server().clock().instant()) == SessionState.EXPIRED;
    }

    /**
     * [MS-SMB2] 3.3.5.2.9: an expired session may still log off, close its opens and release its
     * byte-range locks (what Windows and Samba allow, and smbtorture's expire tests check);
     * everything else fails with STATUS_NETWORK_SESSION_EXPIRED until it re-authenticates.
     */
    private static boolean allowedWhenExpired(Smb2Request request) {
        return switch (request) {
            case dev.haven.smb.wire.LogoffRequest r -> true;
            case dev.haven.smb.wire.CloseRequest r -> true;
            case dev.haven.smb.wire.LockRequest r -> r.locks().stream()
                    .allMatch(e -> (e.flags() & dev.haven.smb.wire.LockRequest.UNLOCK) != 0);
            default -> false;
        };
    }

    private static void verifySignature(RequestContext ctx, Session s) throws SmbStatusException {
        MessageSigner signer = s.signerFor(ctx.connection);
        // [MS-SMB2] 3.3.5.2.4: an encrypted request needs no signature.
        if (ctx.encrypted || signer == null) {
            return;
        }
        if (ctx.header.isSigned()) {
            if (!signer.verify(ctx.message, ctx.trailing)) {
                throw new SmbStatusException(NtStatus.ACCESS_DENIED, "bad signature");
            }
        } else if (s.signingRequired) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "unsigned request on a signing session");
        }
    }

    /**
     * A SESSION_SETUP for a session of this connection that has keys (a re-authentication) is
     * verified like any request ([MS-SMB2] 3.3.5.2.4); binding requests verify their own.
     */
    private static void verifyReauthSignature(RequestContext ctx) throws SmbStatusException {
        int flagsAt = Smb2Header.SIZE + 2;
        if (ctx.message.length > flagsAt
                && (ctx.message[flagsAt] & dev.haven.smb.wire.SessionSetupRequest.FLAG_BINDING) != 0) {
            return;
        }
        Session s = ctx.connection.session(ctx.header.sessionId());
        if (s != null && (s.isValid() || s.state() == SessionState.EXPIRED)) {
            verifySignature(ctx, s);
        }
    }

    private static void attachOptionalSession(RequestContext ctx) throws SmbStatusException {
        Session s = ctx.connection.session(ctx.header.sessionId());
        if (s != null && s.isValid()) {
            ctx.session = s;
            verifySignature(ctx, s);
        }
    }

    /** [MS-SMB2] 3.3.5.2.11: the tree exists, and is encrypted when its share says so. */
    private static void verifyTree(RequestContext ctx) throws SmbStatusException {
        TreeConnect tree = ctx.session.tree(ctx.header.treeId());
        if (tree == null) {
            throw new SmbStatusException(NtStatus.NETWORK_NAME_DELETED, "no tree " + ctx.header.treeId());
        }
        ctx.tree = tree;
        if (tree.encryptData() && !ctx.encrypted) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "share requires encryption");
        }
    }
}
