package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.function.Consumer;

/**
 * A minimal SMB 2.0.2 or 3.0.2 client over a real TCP connection for benchmark drivers and
 * end-to-end tests (also of other modules: haven-smb's test jar): logs on with NTLMv2, connects a
 * tree, signs every later request (HMAC-SHA256, or AES-CMAC on 3.0.2) and sends one request at a
 * time. Replies whose status is not success come back as they are; callers check.
 */
public final class RawSmbClient implements AutoCloseable {
    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private long messageId;
    private long sessionId;
    private int treeId;
    private MessageSigner signer;
    private int treeCapabilities;

    /** Connects to {@code host:port}. */
    public RawSmbClient(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        in = new DataInputStream(socket.getInputStream());
        out = new DataOutputStream(socket.getOutputStream());
    }

    /** Negotiates 2.0.2, authenticates {@code user} and connects {@code share}; throws if any step fails. */
    public RawSmbClient logon(String user, String password, String share) throws Exception {
        return logon(Dialect.SMB_2_0_2, new byte[16], user, password, share);
    }

    /**
     * Negotiates {@code dialect} (2.0.2 or 3.0.2) as the client {@code clientGuid}, authenticates
     * {@code user} and connects {@code share}; throws if any step fails.
     */
    public RawSmbClient logon(Dialect dialect, byte[] clientGuid, String user, String password, String share)
            throws Exception {
        if (dialect != Dialect.SMB_2_0_2 && dialect != Dialect.SMB_3_0_2) {
            throw new IllegalArgumentException("this client speaks 2.0.2 and 3.0.2, not " + dialect);
        }
        NegotiateRequest negotiate = new NegotiateRequest(1, 0x7F, clientGuid.clone(), List.of(dialect.code()), List.of());
        expectOk(send(false, TestServers.request(Command.NEGOTIATE, messageId++, 0, 0, 0, negotiate::encodeBody)));
        NtlmTestClient ntlm = new NtlmTestClient(user, "WORKGROUP", password);
        byte[] first = send(false, request(Command.SESSION_SETUP,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.negotiate(), 0)::encodeBody));
        sessionId = header(first).sessionId();
        byte[] challenge = SessionSetupResponse.decode(reader(first)).securityBuffer();
        expectOk(send(false, request(Command.SESSION_SETUP,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.authenticate(challenge), 0)::encodeBody)));
        signer = MessageSigner.of(dialect.isSmb3() ? SigningAlgorithm.AES_CMAC : SigningAlgorithm.HMAC_SHA256,
                SessionKeys.derive(dialect, ntlm.sessionKey(), null, null).signingKey());
        byte[] tree = expectOk(send(true, request(Command.TREE_CONNECT, new TreeConnectRequest(0, "\\\\h\\" + share)::encodeBody)));
        treeId = header(tree).treeId();
        WireReader caps = reader(tree);
        caps.skip(Smb2Header.SIZE + 8); // StructureSize, ShareType, Reserved, ShareFlags
        treeCapabilities = caps.u32();
        return this;
    }

    /** The Capabilities of the TREE_CONNECT response ([MS-SMB2] 2.2.10). */
    public int treeCapabilities() {
        return treeCapabilities;
    }

    /** Sends a signed CREATE and returns the reply. */
    public byte[] create(CreateRequest req) throws Exception {
        return send(true, request(Command.CREATE, req::encodeBody));
    }

    /** A request of this session and tree with the next MessageId. */
    public byte[] request(Command c, Consumer<WireWriter> body) {
        return TestServers.request(c, messageId++, 0, sessionId, treeId, body);
    }

    /** Sends {@code message} (signed if asked) and returns the next reply. */
    public byte[] send(boolean sign, byte[] message) throws Exception {
        if (sign) {
            message[16] |= (byte) HeaderFlags.SIGNED;
            signer.sign(message, 0, message.length);
        }
        out.writeInt(message.length);
        out.write(message);
        out.flush();
        byte[] reply;
        do {
            reply = new byte[in.readInt()];
            in.readFully(reply);
        } while (status(reply).equals(NtStatus.PENDING)); // [MS-SMB2] 3.2.5.1.5: an interim response; the final one follows
        return reply;
    }

    /** The reply's header. */
    public static Smb2Header header(byte[] reply) throws Exception {
        return Smb2Header.decode(reader(reply));
    }

    /** The reply's status. */
    public static NtStatus status(byte[] reply) throws Exception {
        return header(reply).status();
    }

    /** A reader positioned at the reply's body. */
    public static WireReader reader(byte[] reply) {
        return new WireReader(reply);
    }

    /** The reply, or an IOException naming its status if it failed. */
    public static byte[] expectOk(byte[] reply) throws Exception {
        NtStatus status = status(reply);
        if (!status.isSuccess() && !status.equals(NtStatus.MORE_PROCESSING_REQUIRED)) {
            throw new IOException("request failed: " + status);
        }
        return reply;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
