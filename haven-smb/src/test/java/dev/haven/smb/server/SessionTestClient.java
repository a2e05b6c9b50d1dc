package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.PreauthIntegrity;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NegotiateContext;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.function.Consumer;

/**
 * One client connection in process for session tests: negotiates (3.1.1 with AES-CMAC signing,
 * AES-128-CCM and the SHA-512 preauth hash chain), authenticates with raw NTLMv2, binds channels
 * and signs with its current channel key, so that several of them can share one
 * {@link ServerContext} like multichannel clients.
 */
final class SessionTestClient {
    final Connection connection;
    private final FrameProcessor processor = new FrameProcessor();
    private long nextMessageId;
    private Dialect dialect;
    long sessionId;
    /** Session.SigningKey as the client knows it (signs binding requests). */
    MessageSigner sessionSigner;
    /** The signer of this connection's channel. */
    MessageSigner signer;
    /** The last response received. */
    byte[] lastReply;

    SessionTestClient(ServerContext server) {
        connection = new Connection(server, "192.0.2.7", new RecordingOutput());
    }

    SessionTestClient negotiate(Dialect d) {
        this.dialect = d;
        List<NegotiateContext> contexts = d != Dialect.SMB_3_1_1 ? List.of() : List.of(
                new NegotiateContext.PreauthIntegrityCapabilities(List.of(NegotiateContext.SHA_512), new byte[32]),
                new NegotiateContext.EncryptionCapabilities(List.of(EncryptionCipher.AES_128_CCM.code())),
                new NegotiateContext.SigningCapabilities(List.of(SigningAlgorithm.AES_CMAC.code())));
        NegotiateRequest n = new NegotiateRequest(1, 0x7F, new byte[16], List.of(d.code()), contexts);
        byte[] request = build(Command.NEGOTIATE, 0, n::encodeBody);
        byte[] reply = exchange(request);
        if (d == Dialect.SMB_3_1_1) {
            connectionPreauth = new PreauthIntegrity();
            connectionPreauth.update(request, 0, request.length);
            connectionPreauth.update(reply, 0, reply.length);
        }
        return this;
    }

    /** 3.1.1: Connection.PreauthIntegrityHashValue after NEGOTIATE; each exchange starts from a copy. */
    private PreauthIntegrity connectionPreauth;
    private PreauthIntegrity exchangePreauth;

    private byte[] hashed(byte[] message) {
        if (exchangePreauth != null) {
            exchangePreauth.update(message, 0, message.length);
        }
        return message;
    }

    private SigningAlgorithm algorithm() {
        return dialect.isSmb3() ? SigningAlgorithm.AES_CMAC : SigningAlgorithm.HMAC_SHA256;
    }

    /** A full NTLM exchange on {@code id} (0: new session) with SESSION_SETUP flags; returns the final header. */
    Smb2Header authenticate(String user, String password, long id, int flags, long previousSessionId)
            throws GeneralSecurityException, MalformedMessageException {
        boolean binding = (flags & SessionSetupRequest.FLAG_BINDING) != 0;
        NtlmTestClient ntlm = new NtlmTestClient(user, "WORKGROUP", password);
        sessionId = id;
        exchangePreauth = connectionPreauth == null ? null : connectionPreauth.copy();
        byte[] reply1 = hashed(exchange(hashed(setup(flags, ntlm.negotiate(), previousSessionId, binding))));
        Smb2Header h1 = header(reply1);
        if (!h1.status().equals(dev.haven.smb.wire.NtStatus.MORE_PROCESSING_REQUIRED)) {
            return h1;
        }
        sessionId = h1.sessionId();
        byte[] challenge = SessionSetupResponse.decode(new WireReader(reply1)).securityBuffer();
        byte[] leg2 = hashed(setup(flags, ntlm.authenticate(challenge), previousSessionId, binding));
        byte[] hash = exchangePreauth == null ? null : exchangePreauth.value();
        Smb2Header h2 = header(exchange(leg2));
        if (h2.status().isSuccess() && (binding || signer == null)) {
            EncryptionCipher c = dialect.isSmb3() ? EncryptionCipher.AES_128_CCM : null;
            byte[] key = SessionKeys.derive(dialect, ntlm.sessionKey(), hash, c).signingKey();
            signer = MessageSigner.of(algorithm(), key);
            if (!binding) {
                sessionSigner = signer;
            }
        }
        return h2;
    }

    Smb2Header login(String user, String password) throws Exception {
        return authenticate(user, password, 0, 0, 0);
    }

    /** Binds this connection to {@code session} of another client (SMB2_SESSION_FLAG_BINDING). */
    Smb2Header bind(SessionTestClient first, String user, String password) throws Exception {
        sessionSigner = first.sessionSigner;
        return authenticate(user, password, first.sessionId, SessionSetupRequest.FLAG_BINDING, 0);
    }

    private byte[] setup(int flags, byte[] token, long previousSessionId, boolean binding) {
        byte[] request = build(Command.SESSION_SETUP, 0,
                new SessionSetupRequest(flags, 1, 0, 0, token, previousSessionId)::encodeBody);
        MessageSigner with = binding ? sessionSigner : signer;
        return with == null ? request : sign(request, with);
    }

    byte[] build(Command command, int treeId, Consumer<WireWriter> body) {
        return TestServers.request(command, nextMessageId++, 0, sessionId, treeId, body);
    }

    static byte[] sign(byte[] request, MessageSigner with) {
        request[16] |= (byte) HeaderFlags.SIGNED;
        with.sign(request, 0, request.length);
        return request;
    }

    /** Sends a request signed with this channel's key (unsigned before keys exist); returns the reply. */
    byte[] send(Command command, int treeId, Consumer<WireWriter> body) {
        byte[] request = build(command, treeId, body);
        return exchange(signer == null ? request : sign(request, signer));
    }

    byte[] treeConnect(String share) {
        return send(Command.TREE_CONNECT, 0, new TreeConnectRequest(0, "\\\\h\\" + share)::encodeBody);
    }

    byte[] logoff() {
        return send(Command.LOGOFF, 0, w -> w.u16(4).u16(0));
    }

    byte[] treeDisconnect(int treeId) {
        return send(Command.TREE_DISCONNECT, treeId, w -> w.u16(4).u16(0));
    }

    byte[] exchange(byte[] request) {
        Outcome out = processor.process(connection, request);
        lastReply = assertInstanceOf(Outcome.Send.class, out, () -> "got " + out).payload();
        return lastReply;
    }

    static Smb2Header header(byte[] message) throws MalformedMessageException {
        return Smb2Header.decode(new WireReader(message));
    }
}
