package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.haven.smb.auth.LogonThrottle;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.smb.rpc.BindAckPdu;
import dev.haven.smb.rpc.BindPdu;
import dev.haven.smb.rpc.ContextElement;
import dev.haven.smb.rpc.PduHeader;
import dev.haven.smb.rpc.RequestPdu;
import dev.haven.smb.rpc.ResponsePdu;
import dev.haven.smb.rpc.RpcPdu;
import dev.haven.smb.rpc.SyntaxId;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.ReadResponse;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SessionSetupResponse;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import dev.haven.smb.wire.WriteRequest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named pipes on IPC$ in process: CREATE, WRITE/READ, FSCTL_PIPE_TRANSCEIVE and CLOSE of srvsvc. */
class PipeFlowTest {
    private static final SyntaxId SRVSVC = new SyntaxId(UUID.fromString("4b324fc8-1670-01d3-1278-5a47bf6ee188"), 3);
    private final FrameProcessor processor = new FrameProcessor();
    private Connection connection;
    private long nextMessageId;
    private long sessionId;
    private int treeId;

    @BeforeEach
    void connectToIpc() throws Exception {
        byte[] hash = UserDirectory.hashPassword("pass");
        SmbServerConfig config = new SmbServerConfig(n -> Optional.of(hash.clone()),
                new ServerIdentity("HAVEN", "WORKGROUP", "h.test", "test"),
                List.of(new ShareConfig("data", false, false)), TestServers.CLOCK, false, false,
                SmbServerConfig.DEFAULT_MAX_FRAME_SIZE);
        connection = new Connection(new ServerContext(config, new byte[16], new SecureRandom(),
                new LogonThrottle(TestServers.CLOCK)), "192.0.2.1", new RecordingOutput());
        exchange(TestServers.negotiate(nextMessageId++, 0x0210));
        NtlmTestClient ntlm = new NtlmTestClient("user", "WORKGROUP", "pass");
        byte[] first = exchange(request(Command.SESSION_SETUP, new SessionSetupRequest(0, 1, 0, 0, ntlm.negotiate(), 0)::encodeBody));
        sessionId = header(first).sessionId();
        byte[] challenge = SessionSetupResponse.decode(new WireReader(first)).securityBuffer();
        exchange(request(Command.SESSION_SETUP, new SessionSetupRequest(0, 1, 0, 0, ntlm.authenticate(challenge), 0)::encodeBody));
        treeId = header(exchange(request(Command.TREE_CONNECT, new TreeConnectRequest(0, "\\\\h\\IPC$")::encodeBody))).treeId();
    }

    private byte[] request(Command command, java.util.function.Consumer<WireWriter> body) {
        return TestServers.request(command, nextMessageId++, 0, sessionId, treeId, body);
    }

    private byte[] exchange(byte[] frame) {
        Outcome out = processor.process(connection, frame);
        return assertInstanceOf(Outcome.Send.class, out, () -> "got " + out).payload();
    }

    private static Smb2Header header(byte[] message) throws Exception {
        return Smb2Header.decode(new WireReader(message));
    }

    private byte[] create(String name) {
        return exchange(request(Command.CREATE, new CreateRequest(0, 2, 0x0012019F, 0, 7, 1, 0, name,
                List.of())::encodeBody));
    }

    private static byte[] bind() {
        return new BindPdu(1, false, 4280, 4280, 0, List.of(new ContextElement(0, SRVSVC, List.of(SyntaxId.NDR20))), 0)
                .encode();
    }

    /** NetrServerGetInfo level 101 with a null ServerName. */
    private static byte[] serverGetInfo(int callId) {
        byte[] stub = {0, 0, 0, 0, 101, 0, 0, 0};
        return new RequestPdu(callId, PduHeader.WHOLE, stub.length, 0, 21, stub, 0).encode();
    }

    private byte[] transceive(Smb2FileId id, byte[] input, int maxOutput) {
        WireWriter fid = new WireWriter();
        id.encode(fid);
        return exchange(request(Command.IOCTL, new IoctlRequest(0x0011C017, fid.toByteArray(), input, 0,
                new byte[0], maxOutput, IoctlRequest.IS_FSCTL)::encodeBody));
    }

    @Test
    void opensSrvsvcBindsWithWriteReadAndCallsWithTransceive() throws Exception {
        byte[] created = create("srvsvc");
        assertEquals(NtStatus.SUCCESS, header(created).status());
        Smb2FileId id = CreateResponse.decode(new WireReader(created)).fileId();
        exchange(request(Command.WRITE, new WriteRequest(0, id, 0, ByteBuffer.wrap(bind()))::encodeBody));
        ReadResponse read = ReadResponse.decode(new WireReader(exchange(request(Command.READ,
                new ReadRequest(0, 0, 4280, 0, id, 0)::encodeBody))));
        BindAckPdu ack = assertInstanceOf(BindAckPdu.class, RpcPdu.decode(read.bytes()));
        assertEquals("\\PIPE\\srvsvc", ack.secondaryAddress());

        IoctlResponse io = IoctlResponse.decode(new WireReader(transceive(id, serverGetInfo(2), 4280)));
        ResponsePdu resp = assertInstanceOf(ResponsePdu.class, RpcPdu.decode(io.output()));
        String text = new String(resp.stub(), StandardCharsets.UTF_16LE);
        assertEquals(true, text.contains("HAVEN"), text);

        byte[] closed = exchange(request(Command.CLOSE, new CloseRequest(0, id)::encodeBody));
        assertEquals(NtStatus.SUCCESS, header(closed).status());
        assertEquals(NtStatus.FILE_CLOSED, header(transceive(id, serverGetInfo(3), 4280)).status());
    }

    @Test
    void aShortTransceiveOverflowsAndTheRestIsRead() throws Exception {
        Smb2FileId id = CreateResponse.decode(new WireReader(create("srvsvc"))).fileId();
        byte[] first = transceive(id, bind(), 16);
        assertEquals(NtStatus.BUFFER_OVERFLOW, header(first).status());
        byte[] head = IoctlResponse.decode(new WireReader(first)).output();
        assertEquals(16, head.length);
        byte[] rest = exchange(request(Command.READ, new ReadRequest(0, 0, 4280, 0, id, 0)::encodeBody));
        assertEquals(NtStatus.SUCCESS, header(rest).status());
        ReadResponse r = ReadResponse.decode(new WireReader(rest));
        byte[] whole = new byte[16 + r.length()];
        System.arraycopy(head, 0, whole, 0, 16);
        System.arraycopy(r.bytes(), 0, whole, 16, r.length());
        assertInstanceOf(BindAckPdu.class, RpcPdu.decode(whole));
        assertEquals(IpcPipes.PIPE_EMPTY,
                header(exchange(request(Command.READ, new ReadRequest(0, 0, 4280, 0, id, 0)::encodeBody))).status());
    }

    @Test
    void anUnknownPipeIsObjectNameNotFound() throws Exception {
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, header(create("lsarpc")).status());
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, header(create("")).status());
    }

    @Test
    void aMalformedPduIsAnsweredWithAFaultAndTheConnectionStays() throws Exception {
        Smb2FileId id = CreateResponse.decode(new WireReader(create("srvsvc"))).fileId();
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x41);
        garbage[8] = 64;
        garbage[9] = 0;
        byte[] reply = transceive(id, garbage, 4280);
        assertEquals(NtStatus.SUCCESS, header(reply).status());
        byte[] out = IoctlResponse.decode(new WireReader(reply)).output();
        assertEquals(3, out[2], "PTYPE fault");
        assertArrayEquals(new byte[] {5, 0}, Arrays.copyOf(out, 2));
        byte[] tooBig = new byte[70_000];
        assertEquals(NtStatus.INVALID_PARAMETER, header(transceive(id, tooBig, 4280)).status());
    }
}
