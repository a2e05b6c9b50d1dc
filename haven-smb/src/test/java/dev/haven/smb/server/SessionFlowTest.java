package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.EncryptionCipher;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.PreauthIntegrity;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.crypto.TransformCipher;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.NegotiateContext;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.security.SecureRandom;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * SESSION_SETUP, signing, encryption and the session state machine in process: an NTLMv2
 * client drives the {@link FrameProcessor} and checks every signature with its own keys.
 */
class SessionFlowTest {
    private Connection connection = TestServers.connection();
    private final FrameProcessor processor = new FrameProcessor();
    private long nextMessageId;
    private long sessionId;
    private int treeId;
    private MessageSigner signer;
    private TransformCipher cipher;
    private final PreauthIntegrity preauth = new PreauthIntegrity();

    private byte[] build(Command command, Consumer<WireWriter> body) {
        return TestServers.request(command, nextMessageId++, 0, sessionId, treeId, body);
    }

    private byte[] exchange(byte[] request) {
        Outcome out = processor.process(connection, request);
        byte[] payload = assertInstanceOf(Outcome.Send.class, out, () -> "got " + out).payload();
        if (payload[0] == (byte) 0xFD) {
            try {
                return cipher.decrypt(payload);
            } catch (javax.crypto.AEADBadTagException e) {
                throw new AssertionError(e);
            }
        }
        return payload;
    }

    private byte[] signed(byte[] request) {
        request[16] |= (byte) HeaderFlags.SIGNED;
        signer.sign(request, 0, request.length);
        return request;
    }

    private static Smb2Header header(byte[] message) throws Exception {
        return Smb2Header.decode(new WireReader(message));
    }

    private static byte[] sessionSetup(byte[] token) {
        return new WireWriter().bytes(token).toByteArray();
    }

    private Smb2Header login(Dialect dialect, String password) throws Exception {
        NtlmTestClient ntlm = new NtlmTestClient("user", "WORKGROUP", password);
        byte[] leg1 = build(Command.SESSION_SETUP, new SessionSetupRequest(0, 1, 0, 0, ntlm.negotiate(), 0)::encodeBody);
        preauth.update(leg1, 0, leg1.length);
        byte[] reply1 = exchange(leg1);
        preauth.update(reply1, 0, reply1.length);
        assertEquals(NtStatus.MORE_PROCESSING_REQUIRED, header(reply1).status());
        sessionId = header(reply1).sessionId();
        assertNotEquals(0, sessionId);
        byte[] challenge = SessionSetupResponse.decode(new WireReader(reply1)).securityBuffer();
        byte[] leg2 = build(Command.SESSION_SETUP,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.authenticate(challenge), 0)::encodeBody);
        preauth.update(leg2, 0, leg2.length);
        byte[] reply2 = exchange(leg2);
        Smb2Header h = header(reply2);
        if (h.status().isSuccess()) {
            EncryptionCipher c = dialect.isSmb3() ? EncryptionCipher.AES_128_CCM : null;
            byte[] hash = dialect == Dialect.SMB_3_1_1 ? preauth.value() : null;
            SessionKeys keys = SessionKeys.derive(dialect, ntlm.sessionKey(), hash, c);
            SigningAlgorithm alg = dialect.isSmb3() ? SigningAlgorithm.AES_CMAC : SigningAlgorithm.HMAC_SHA256;
            signer = MessageSigner.of(alg, keys.signingKey());
            if (c != null) {
                cipher = TransformCipher.of(c, keys.decryptionKey(), keys.encryptionKey(), new SecureRandom());
            }
            assertTrue(h.isSigned(), "final SESSION_SETUP response is signed");
            assertTrue(signer.verify(reply2, 0, reply2.length), "final SESSION_SETUP signature");
        }
        return h;
    }

    private void negotiate302() {
        exchange(TestServers.negotiate(nextMessageId++, 0x0202, 0x0302));
    }

    private byte[] treeConnect(String share) {
        return build(Command.TREE_CONNECT, new TreeConnectRequest(0, "\\\\h\\" + share)::encodeBody);
    }

    @Test
    void authenticatesSignsAndVerifiesOnThreeZeroTwo() throws Exception {
        negotiate302();
        assertEquals(NtStatus.SUCCESS, login(Dialect.SMB_3_0_2, "pass").status());
        assertEquals(NtStatus.ACCESS_DENIED, header(exchange(treeConnect("data"))).status());
        byte[] tampered = signed(treeConnect("data"));
        tampered[tampered.length - 1] ^= 1;
        assertEquals(NtStatus.ACCESS_DENIED, header(exchange(tampered)).status());
        byte[] reply = exchange(signed(treeConnect("data")));
        Smb2Header h = header(reply);
        assertEquals(NtStatus.SUCCESS, h.status());
        assertTrue(signer.verify(reply, 0, reply.length));
        treeId = h.treeId();
        // An error answer on a signing session is signed too (a malformed CHANGE_NOTIFY here).
        byte[] error = exchange(signed(build(Command.CHANGE_NOTIFY, w -> w.u16(32).u16(0))));
        assertEquals(NtStatus.INVALID_PARAMETER, header(error).status());
        assertTrue(signer.verify(error, 0, error.length));
    }

    @Test
    void answersEncryptedRequestsEncrypted() throws Exception {
        negotiate302();
        login(Dialect.SMB_3_0_2, "pass");
        byte[] plain = treeConnect("data");
        Outcome out = processor.process(connection, cipher.encrypt(plain, sessionId));
        byte[] payload = ((Outcome.Send) out).payload();
        assertEquals((byte) 0xFD, payload[0], "response is a TRANSFORM message");
        assertEquals(NtStatus.SUCCESS, header(cipher.decrypt(payload)).status());
        byte[] garbage = cipher.encrypt(treeConnect("data"), sessionId);
        garbage[garbage.length - 1] ^= 1;
        assertInstanceOf(Outcome.Disconnect.class, processor.process(connection, garbage));
    }

    @Test
    void refusesRequestsOfASessionStillAuthenticating() throws Exception {
        negotiate302();
        NtlmTestClient ntlm = new NtlmTestClient("user", "WORKGROUP", "pass");
        byte[] reply = exchange(build(Command.SESSION_SETUP,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.negotiate(), 0)::encodeBody));
        sessionId = header(reply).sessionId();
        assertEquals(NtStatus.USER_SESSION_DELETED, header(exchange(treeConnect("data"))).status());
        assertEquals(SessionState.IN_PROGRESS, connection.session(sessionId).state());
    }

    @Test
    void removesTheSessionOnAWrongPassword() throws Exception {
        negotiate302();
        assertEquals(NtStatus.LOGON_FAILURE, login(Dialect.SMB_3_0_2, "wrong").status());
        assertEquals(0, connection.sessionCount());
        assertEquals(NtStatus.USER_SESSION_DELETED, header(exchange(treeConnect("data"))).status());
    }

    @Test
    void failsAMalformedTokenWithInvalidParameter() throws Exception {
        negotiate302();
        byte[] reply = exchange(build(Command.SESSION_SETUP,
                new SessionSetupRequest(0, 1, 0, 0, new byte[] {1, 2, 3}, 0)::encodeBody));
        assertEquals(NtStatus.INVALID_PARAMETER, header(reply).status());
        assertEquals(0, connection.sessionCount());
    }

    @Test
    void logoffEndsTheSessionWithASignedReply() throws Exception {
        negotiate302();
        login(Dialect.SMB_3_0_2, "pass");
        byte[] reply = exchange(signed(build(Command.LOGOFF, w -> w.u16(4).u16(0))));
        assertEquals(NtStatus.SUCCESS, header(reply).status());
        assertTrue(signer.verify(reply, 0, reply.length));
        assertEquals(NtStatus.USER_SESSION_DELETED, header(exchange(signed(treeConnect("data")))).status());
    }

    @Test
    void refusesAnUnknownShareAndDisconnectsUnknownTrees() throws Exception {
        negotiate302();
        login(Dialect.SMB_3_0_2, "pass");
        assertEquals(NtStatus.BAD_NETWORK_NAME, header(exchange(signed(treeConnect("nope")))).status());
        treeId = 99;
        byte[] reply = exchange(signed(build(Command.TREE_DISCONNECT, w -> w.u16(4).u16(0))));
        assertEquals(NtStatus.NETWORK_NAME_DELETED, header(reply).status());
    }

    @Test
    void answersAnInternalFailureWithInternalErrorAndKeepsServing() throws Exception {
        connection = new Connection(TestServers.context(name -> {
            throw new IllegalStateException("directory down (expected in this test)");
        }), "192.0.2.9", new RecordingOutput());
        negotiate302();
        assertEquals(NtStatus.INTERNAL_ERROR, login(Dialect.SMB_3_0_2, "pass").status());
        assertEquals(0, connection.sessionCount());
        assertEquals(NtStatus.SUCCESS, header(exchange(build(Command.ECHO, w -> w.u16(4).u16(0)))).status());
    }

    @Test
    void derivesThreeOneOneKeysFromThePreauthHashChain() throws Exception {
        NegotiateRequest n = new NegotiateRequest(1, 0x7F, new byte[16], List.of(0x0302, 0x0311), List.of(
                new NegotiateContext.PreauthIntegrityCapabilities(List.of(1), new byte[32]),
                new NegotiateContext.EncryptionCapabilities(List.of(1)),
                new NegotiateContext.SigningCapabilities(List.of(1))));
        byte[] request = build(Command.NEGOTIATE, n::encodeBody);
        preauth.update(request, 0, request.length);
        byte[] reply = exchange(request);
        preauth.update(reply, 0, reply.length);
        assertEquals(Dialect.SMB_3_1_1, connection.dialect);
        // login() verifies the final response signature with keys derived from the client's own
        // hash chain: it only matches if the server hashed exactly the same messages.
        assertEquals(NtStatus.SUCCESS, login(Dialect.SMB_3_1_1, "pass").status());
        assertFalse(exchange(signed(treeConnect("data")))[0] == (byte) 0xFD);
    }
}
