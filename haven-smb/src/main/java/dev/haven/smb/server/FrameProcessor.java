package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.Compound;
import dev.haven.smb.wire.ErrorResponse;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NegotiateResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadResponse;
import dev.haven.smb.wire.Smb1Negotiate;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.Smb2Response;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.AEADBadTagException;

/**
 * [MS-SMB2] 3.3.5.2: one transport frame in, one frame (or nothing, or a disconnect) out:
 * decrypts TRANSFORM messages (3.3.5.2.1.1), answers an SMB1 negotiate (3.3.5.3), splits
 * compounds and lets related requests inherit SessionId and TreeId (3.3.5.2.7.2), runs each
 * request through the {@link RequestPipeline}, then links, signs (3.3.4.1.1) and encrypts
 * (3.3.4.1.4) the responses. Pure over the connection state: no Netty in here.
 */
final class FrameProcessor {
    private static final int TRANSFORM_HEADER_SIZE = 52;
    private static final int TRANSFORM_SESSION_ID_OFFSET = 44;

    private final RequestPipeline pipeline = new RequestPipeline();

    /** Processes one frame payload (the bytes after the 4-byte transport header). */
    Outcome process(Connection c, byte[] frame) {
        return process(c, frame, null);
    }

    /**
     * Processes one frame payload whose last bytes, when {@code trailing} is not null, are held
     * apart: the transport split a single plain WRITE into its header and fixed fields
     * ({@code frame}) and its data ({@code trailing}), which must stay valid until this returns.
     */
    Outcome process(Connection c, byte[] frame, java.nio.ByteBuffer trailing) {
        try {
            if (frame.length < 4) {
                return new Outcome.Disconnect("frame of " + frame.length + " bytes");
            }
            int protocolId = (int) readLe(frame, 0, 4);
            if (protocolId == Smb2Header.SMB1_PROTOCOL_ID) {
                return smb1(c, frame);
            }
            Session transformSession = null;
            if (protocolId == Smb2Header.TRANSFORM_PROTOCOL_ID) {
                transformSession = transformSession(c, frame);
                frame = decrypt(transformSession, frame);
            }
            if ((int) readLe(frame, 0, 4) != Smb2Header.PROTOCOL_ID) {
                return new Outcome.Disconnect("not an SMB2 message");
            }
            if (trailing != null) {
                return run(c, frame, List.of(new Compound.Slice(0, frame.length)), 0, new Chain(), false, trailing);
            }
            return compound(c, frame, transformSession != null);
        } catch (ProtocolViolationException e) {
            return new Outcome.Disconnect(e.getMessage());
        } catch (MalformedMessageException e) {
            return new Outcome.Disconnect(e.getMessage());
        }
    }

    private Outcome compound(Connection c, byte[] frame, boolean encrypted)
            throws MalformedMessageException, ProtocolViolationException {
        return run(c, frame, Compound.split(frame), 0, new Chain(), encrypted, null);
    }

    /** What a related compound carries from one request to the next ([MS-SMB2] 3.3.5.2.7.2). */
    private static final class Chain {
        long sessionId;
        int treeId;
        boolean sessionValid;
        Smb2FileId fileId;
        NtStatus failure;
    }

    /**
     * Runs the requests of a compound from {@code from} on. A request that goes asynchronous
     * before the end of the compound (a CREATE waiting for an oplock break) ends this part: its
     * interim response goes out with the answers so far, and the rest of the compound runs once
     * its final response is sent, related requests using the FileId it made (as Samba does, so
     * smb2.compound.compound-break sees its GETINFO succeed).
     */
    private Outcome run(Connection c, byte[] frame, List<Compound.Slice> slices, int from, Chain chain, boolean encrypted,
            java.nio.ByteBuffer trailing) throws MalformedMessageException, ProtocolViolationException {
        List<Answer> answers = new ArrayList<>();
        long sessionId = chain.sessionId;
        int treeId = chain.treeId;
        boolean sessionValid = chain.sessionValid;
        Smb2FileId chainedFileId = chain.fileId;
        NtStatus chainedFailure = chain.failure;
        for (int i = from; i < slices.size(); i++) {
            Compound.Slice slice = slices.get(i);
            byte[] message = messageBytes(frame, slice);
            if (isUnknownCommand(message)) {
                answers.add(unknownCommand(c, message, encrypted));
                continue;
            }
            Smb2Header header = Smb2Header.decode(new WireReader(message));
            if (header.isRelated() && i > 0) {
                // [MS-SMB2] 3.3.5.2.7.2: related requests run in the previous request's context.
                header = header.withIds(sessionId, treeId);
            } else {
                // An unrelated request starts a new chain: no FileId or failure carries over.
                chainedFileId = null;
                chainedFailure = null;
            }
            RequestContext ctx = new RequestContext(c, header, message, encrypted);
            if (trailing != null) {
                ctx.trailing = trailing;
            }
            ctx.chainedFileId = chainedFileId;
            ctx.chainedFailure = chainedFailure;
            // [MS-SMB2] 3.3.5.2.7.2: a first request marked related, or a related request whose
            // previous request had no valid session, fails with STATUS_INVALID_PARAMETER.
            ctx.relatedFailure = header.isRelated() && (i == 0 || !sessionValid) ? NtStatus.INVALID_PARAMETER : null;
            Reply reply = pipeline.process(ctx);
            sessionValid = ctx.session != null && ctx.session.isValid();
            sessionId = ctx.session != null ? ctx.session.sessionId() : header.sessionId();
            treeId = ctx.tree != null ? ctx.tree.treeId() : header.treeId();
            if (ctx.fileId != null) {
                chainedFileId = ctx.fileId;
            }
            if (header.command() == Command.CREATE && reply instanceof Reply.Respond r) {
                // [MS-SMB2] 3.3.5.2.7.2: requests related to a failed CREATE fail with its status.
                chainedFailure = isErrorStatus(r.status()) ? r.status() : null;
            }
            boolean last = i == slices.size() - 1;
            OutboundBuffer lent = ctx.lent;
            ctx.lent = null;
            if (lent != null && slices.size() == 1 && reply instanceof Reply.Respond read
                    && read.body() instanceof ReadResponse data && encryptingSession(ctx) == null) {
                return sendLent(c, ctx, read, data, lent);
            }
            try {
                switch (reply) {
                    case Reply.Respond respond -> answers.add(new Answer(ctx, respond,
                            encode(ctx, respond, 0, ctx.connection.credits.grant(header.credits()))));
                    case Reply.Pending pending when !last && ctx.header.command() != Command.CREATE -> {
                        // [MS-SMB2] 3.3.5.2.7 and its <262>: as Windows does, a request that would go
                        // asynchronous before the end of a compound fails with STATUS_INTERNAL_ERROR,
                        // and the requests after it still run. A CREATE waiting for an oplock break is
                        // the exception (next case): the rest of the compound waits for it.
                        pending.request().abandon();
                        Reply.Respond failed = new Reply.Respond(NtStatus.INTERNAL_ERROR, null);
                        answers.add(new Answer(ctx, failed, encode(ctx, failed, 0,
                                ctx.connection.credits.grant(header.credits()))));
                    }
                    case Reply.Pending pending -> {
                        // The last request of a compound may go asynchronous: its interim response
                        // travels with the responses before it (Windows and smbtorture's interim1); so
                        // does a CREATE waiting for a break, whose followers run after its final response.
                        Reply.Respond interim = new Reply.Respond(NtStatus.PENDING, ErrorResponse.empty());
                        answers.add(new Answer(ctx, interim, encode(ctx, interim, pending.request().asyncId(),
                                ctx.connection.credits.grant(header.credits()))));
                        if (i + 1 < slices.size()) {
                            Chain rest = new Chain();
                            rest.sessionId = sessionId;
                            rest.treeId = treeId;
                            rest.sessionValid = sessionValid;
                            int next = i + 1;
                            pending.request().afterFinal(status -> resume(ctx, frame, slices, next, rest, encrypted, status));
                            return compose(c, answers);
                        }
                    }
                    case Reply.None none -> { }
                }
            } finally {
                if (lent != null) {
                    lent.release(); // a compound or encrypted READ: encode copied the data
                }
            }
        }
        return answers.isEmpty() ? new Outcome.Silent() : compose(c, answers);
    }

    /** Runs the rest of a compound after its asynchronous request's final response; on the serial executor. */
    private void resume(RequestContext done, byte[] frame, List<Compound.Slice> slices, int next, Chain chain,
            boolean encrypted, NtStatus status) {
        chain.fileId = done.fileId;
        chain.failure = done.header.command() == Command.CREATE && isErrorStatus(status) ? status : null;
        Connection c = done.connection;
        try {
            if (run(c, frame, slices, next, chain, encrypted, null) instanceof Outcome.Send send) {
                c.output.send(send.payload());
            }
        } catch (MalformedMessageException | ProtocolViolationException e) {
            ClientFaultLog.warn("rest of a compound from {0} dropped: {1}", c.clientAddress, e.getMessage());
        }
    }

    /**
     * One message of the frame; a frame holding a single message (every READ and WRITE smbclient
     * sends) is used as it is, so a WRITE payload of up to 8 MiB is not copied a second time.
     */
    private static byte[] messageBytes(byte[] frame, Compound.Slice slice) {
        if (slice.offset() == 0 && slice.length() == frame.length) {
            return frame;
        }
        return java.util.Arrays.copyOfRange(frame, slice.offset(), slice.offset() + slice.length());
    }

    private static boolean isUnknownCommand(byte[] message) {
        return message.length >= Smb2Header.SIZE && readLe(message, 12, 2) > Command.OPLOCK_BREAK.code();
    }

    /**
     * [MS-SMB2] 3.3.5.2: a command code no dialect defines is answered STATUS_INVALID_PARAMETER
     * (as Windows and Samba do; smbtorture's compound invalid4), its MessageId consumed like any
     * other; the response echoes the code. The rest of the chain is processed as usual.
     */
    private static Answer unknownCommand(Connection c, byte[] message, boolean encrypted)
            throws MalformedMessageException, ProtocolViolationException {
        byte[] known = message.clone();
        known[12] = (byte) Command.ECHO.code(); // only so that the header decodes; never dispatched
        known[13] = 0;
        Smb2Header header = Smb2Header.decode(new WireReader(known));
        if (!c.negotiated() || !c.credits.consume(header.messageId(), 1)) {
            throw new ProtocolViolationException("unknown command outside the sequence window");
        }
        RequestContext ctx = new RequestContext(c, header, known, encrypted);
        Session s = c.session(header.sessionId());
        ctx.session = s != null && s.isValid() ? s : null;
        Reply.Respond r = new Reply.Respond(NtStatus.INVALID_PARAMETER, null);
        byte[] bytes = encode(ctx, r, 0, c.credits.grant(header.credits()));
        bytes[12] = message[12];
        bytes[13] = message[13];
        return new Answer(ctx, r, bytes);
    }

    /** A response ready to link: its context, its reply and its encoded bytes. */
    private record Answer(RequestContext ctx, Reply.Respond reply, byte[] bytes) {
    }

    /**
     * [MS-SMB2] 3.3.4.2: the final response of a request that went asynchronous: async header
     * form with its AsyncId, signed and encrypted as its request; the interim response already
     * granted its credits.
     */
    static byte[] asyncFinal(PendingRequest p, Reply.Respond r) {
        RequestContext ctx = p.context();
        byte[] bytes = encode(ctx, r, p.asyncId(), ctx.connection.credits.grant(0));
        Outcome.Send send = (Outcome.Send) compose(ctx.connection, List.of(new Answer(ctx, r, bytes)));
        return send.payload();
    }

    /**
     * [MS-SMB2] 3.3.4.6 and 3.3.4.7: a break notification the server starts: MessageId all ones,
     * no credits, TreeId 0, {@code sessionId} (the open's for an oplock break, 0 for a lease
     * break), never signed; encrypted with {@code session} when it or the open's share encrypts
     * ({@code encrypt}, 3.3.4.1.4).
     */
    static byte[] breakNotification(Session session, Smb2Response body, long sessionId, boolean encrypt) {
        Smb2Header header = new Smb2Header(0, NtStatus.SUCCESS, Command.OPLOCK_BREAK, 0, HeaderFlags.SERVER_TO_REDIR, 0,
                -1L, 0, 0, sessionId, null);
        WireWriter w = new WireWriter(Smb2Header.SIZE + 48);
        header.encode(w);
        body.encodeBody(w);
        byte[] payload = w.toByteArray();
        return encrypt && session.cipher != null ? session.cipher.encrypt(payload, session.sessionId()) : payload;
    }

    /**
     * A lone, unencrypted READ response whose data sits in transport memory: the header and fixed
     * fields are written in front of the data and signed with it there, and the memory is sent as
     * it is. Any failure gives the memory back.
     */
    private static Outcome sendLent(Connection c, RequestContext ctx, Reply.Respond r, ReadResponse read,
            OutboundBuffer lent) {
        try {
            WireWriter w = new WireWriter(ReadResponse.DATA_OFFSET);
            responseHeader(ctx, r, 0, c.credits.grant(ctx.header.credits())).encode(w);
            read.encodeFields(w);
            byte[] head = w.detach();
            MessageSigner signer = signerFor(c, new Answer(ctx, r, head));
            if (signer != null) {
                head[16] |= (byte) HeaderFlags.SIGNED;
                signer.sign(head, read.data());
            }
            lent.message().put(0, head);
            return new Outcome.SendLent(lent, head.length + read.length());
        } catch (RuntimeException e) {
            lent.release();
            throw e;
        }
    }

    /** Encodes a response; a non-zero {@code asyncId} selects the async header form. */
    private static byte[] encode(RequestContext ctx, Reply.Respond r, long asyncId, int granted) {
        Smb2Header header = responseHeader(ctx, r, asyncId, granted);
        // [MS-SMB2] 3.3.5.15.6: a failed server-side copy answers with its IOCTL response.
        Smb2Response body = r.body() != null && (!isErrorStatus(r.status()) || r.body() instanceof ErrorResponse
                || r.body() instanceof dev.haven.smb.wire.IoctlResponse) ? r.body() : ErrorResponse.empty();
        // Sized exactly by the hint so that detach() hands over the array without copying it;
        // a body that writes more than its hint only costs one growth.
        WireWriter w = new WireWriter(Smb2Header.SIZE + body.sizeHint());
        header.encode(w);
        body.encodeBody(w);
        return w.detach();
    }

    private static Smb2Header responseHeader(RequestContext ctx, Reply.Respond r, long asyncId, int granted) {
        Smb2Header req = ctx.header;
        // A final async response travels alone, outside the compound its request came in.
        boolean inCompound = asyncId == 0 || r.status().equals(NtStatus.PENDING);
        int flags = HeaderFlags.SERVER_TO_REDIR | (inCompound ? req.flags() & HeaderFlags.RELATED_OPERATIONS : 0)
                | (asyncId != 0 ? HeaderFlags.ASYNC_COMMAND : 0);
        long sessionId = ctx.session != null ? ctx.session.sessionId() : req.sessionId();
        int treeId = ctx.tree != null ? ctx.tree.treeId() : req.treeId();
        return new Smb2Header(req.creditCharge(), r.status(), req.command(), granted, flags, 0,
                req.messageId(), asyncId, treeId, sessionId, null);
    }

    /**
     * [MS-SMB2] 3.3.4.4: an error status carries the ERROR body, except MORE_PROCESSING_REQUIRED;
     * a warning (STATUS_BUFFER_OVERFLOW) carries the handler's body when it gives one.
     */
    private static boolean isErrorStatus(NtStatus status) {
        return (status.code() >>> 30) == 3 && !status.equals(NtStatus.MORE_PROCESSING_REQUIRED);
    }

    private static Outcome compose(Connection c, List<Answer> answers) {
        Session encryptWith = encryptingSession(answers.get(0).ctx());
        List<byte[]> linked = new ArrayList<>();
        Duration delay = Duration.ZERO;
        for (int i = 0; i < answers.size(); i++) {
            Answer a = answers.get(i);
            byte[] bytes = Compound.link(a.bytes(), i == answers.size() - 1);
            MessageSigner signer = encryptWith == null ? signerFor(c, a) : null;
            if (signer != null) {
                bytes[16] |= (byte) HeaderFlags.SIGNED;
                signer.sign(bytes, 0, bytes.length);
            } else if (encryptWith == null && a.ctx().session == null && a.ctx().header.isSigned()) {
                // No session to sign with (deleted, never valid, or an invalid chain): as Samba
                // and Windows do, the error answer to a signed request keeps the SIGNED flag with
                // a zero signature, which clients accept for USER_SESSION_DELETED and
                // INVALID_PARAMETER instead of dropping the response as unsigned.
                bytes[16] |= (byte) HeaderFlags.SIGNED;
            }
            afterEncode(c, a, bytes);
            linked.add(bytes);
            delay = a.reply().delay().compareTo(delay) > 0 ? a.reply().delay() : delay;
        }
        byte[] payload = Compound.join(linked);
        if (encryptWith != null) {
            payload = encryptWith.cipher.encrypt(payload, encryptWith.sessionId());
        }
        return new Outcome.Send(payload, delay);
    }

    /** [MS-SMB2] 3.3.4.1.4: encrypt when the request was, or the session or share demands it. */
    private static Session encryptingSession(RequestContext ctx) {
        Session s = ctx.session;
        if (s == null || s.cipher == null || ctx.signFinal || ctx.responseSigner != null
                || s.state() == SessionState.IN_PROGRESS) {
            return null;
        }
        // The TREE_CONNECT response itself is not encrypted for the share's sake: the client
        // learns from it that the share wants encryption.
        boolean shareWants = ctx.tree != null && ctx.tree.encryptData() && ctx.header.command() != Command.TREE_CONNECT;
        boolean wanted = ctx.encrypted || s.encryptData || shareWants;
        return wanted ? s : null;
    }

    /**
     * [MS-SMB2] 3.3.4.1.1: sign when the session requires it, the request was signed, or it is the
     * final SESSION_SETUP; with this connection's Channel.SigningKey (or the key a binding
     * exchange set). Null: do not sign.
     */
    private static MessageSigner signerFor(Connection c, Answer a) {
        RequestContext ctx = a.ctx();
        if (a.reply().status().equals(NtStatus.PENDING)) {
            return null;
        }
        if (ctx.responseSigner != null) {
            return ctx.responseSigner;
        }
        Session s = ctx.session;
        MessageSigner signer = s == null ? null : s.signerFor(c);
        if (signer == null) {
            return null;
        }
        return ctx.signFinal || s.signingRequired || ctx.header.isSigned() ? signer : null;
    }

    /** 3.1.1 preauth integrity: NEGOTIATE and in-progress SESSION_SETUP responses extend the hash. */
    private static void afterEncode(Connection c, Answer a, byte[] bytes) {
        Command command = a.ctx().header.command();
        if (command == Command.NEGOTIATE && c.preauth != null && c.dialect == Dialect.SMB_3_1_1
                && a.reply().status().isSuccess()) {
            c.preauth.update(bytes, 0, bytes.length);
        } else if (a.ctx().hashResponseInto != null && a.ctx().hashResponseInto.preauth != null) {
            a.ctx().hashResponseInto.preauth.update(bytes, 0, bytes.length);
        }
    }

    private static Session transformSession(Connection c, byte[] frame) throws ProtocolViolationException {
        if (!c.negotiated() || !c.dialect.isSmb3() || frame.length < TRANSFORM_HEADER_SIZE + Smb2Header.SIZE) {
            throw new ProtocolViolationException("unexpected TRANSFORM message");
        }
        Session s = c.session(readLe(frame, TRANSFORM_SESSION_ID_OFFSET, 8));
        if (s == null || s.cipher == null) {
            throw new ProtocolViolationException("TRANSFORM message for a session without keys");
        }
        return s;
    }

    private static byte[] decrypt(Session s, byte[] frame) throws ProtocolViolationException {
        try {
            return s.cipher.decrypt(frame);
        } catch (AEADBadTagException | RuntimeException e) {
            // [MS-SMB2] 3.3.5.2.1.1: a message that fails to decrypt ends the connection.
            throw new ProtocolViolationException("decryption failed: " + e.getMessage());
        }
    }

    /** [MS-SMB2] 3.3.5.3.1: an SMB1 negotiate offering SMB2 is answered in SMB2. */
    private static Outcome smb1(Connection c, byte[] frame) throws MalformedMessageException {
        if (c.phase != Connection.Phase.NEW || !c.credits.consume(0, 1)) {
            return new Outcome.Disconnect("SMB1 message after negotiation");
        }
        Smb1Negotiate negotiate = Smb1Negotiate.decode(frame);
        int dialect;
        if (negotiate.dialects().contains(Smb1Negotiate.SMB_2_WILDCARD)) {
            dialect = NegotiateResponse.WILDCARD_DIALECT;
            c.phase = Connection.Phase.WILDCARD;
        } else if (negotiate.dialects().contains(Smb1Negotiate.SMB_2_002)) {
            dialect = Dialect.SMB_2_0_2.code();
            c.dialect = Dialect.SMB_2_0_2;
            c.phase = Connection.Phase.NEGOTIATED;
            c.clientDialects = List.of(dialect);
            c.serverSecurityMode = NegotiateHandler.securityMode(c.server);
        } else {
            return new Outcome.Disconnect("SMB1 negotiate without an SMB2 dialect");
        }
        Smb2Header header = new Smb2Header(0, NtStatus.SUCCESS, Command.NEGOTIATE, c.credits.grant(1),
                HeaderFlags.SERVER_TO_REDIR, 0, 0, 0, 0, 0, null);
        WireWriter w = new WireWriter();
        header.encode(w);
        NegotiateHandler.response(c.server, dialect, 0, List.of()).encodeBody(w);
        return new Outcome.Send(w.toByteArray(), Duration.ZERO);
    }

    /** The {@code n}-byte little-endian number at {@code at}. */
    static long readLe(byte[] b, int at, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }
}
