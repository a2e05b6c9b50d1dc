package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.service.FileService;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.smb.Dialect;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.SessionKeys;
import dev.haven.smb.crypto.SigningAlgorithm;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.Compound;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.QueryDirectoryRequest;
import dev.haven.smb.wire.QueryInfoRequest;
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
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file commands in process: a signed 2.0.2 session drives the {@link FrameProcessor} against
 * a HavenFS on a MemoryBlockDevice: related compounds, I/O, listings, and opens closed with
 * their tree and connection.
 */
class FileCommandFlowTest {
    private final FrameProcessor processor = new FrameProcessor();
    private final FileService service = new FileService();
    private HavenFs fs;
    private Connection connection;
    private final RecordingOutput output = new RecordingOutput();
    private long nextMessageId;
    private long sessionId;
    private int treeId;
    private MessageSigner signer;

    @BeforeEach
    void connect() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 4096), FormatOptions.DEFAULT);
        connection = new Connection(TestServers.withStorage(fs, service), "192.0.2.1", output);
        exchange(TestServers.negotiate(nextMessageId++, 0x0202));
        NtlmTestClient ntlm = new NtlmTestClient("user", "WORKGROUP", "pass");
        Smb2Header first = header(exchange(request(Command.SESSION_SETUP,
                new SessionSetupRequest(0, 1, 0, 0, ntlm.negotiate(), 0)::encodeBody)));
        sessionId = first.sessionId();
        byte[] challenge = SessionSetupResponse.decode(new WireReader(lastReply)).securityBuffer();
        exchange(request(Command.SESSION_SETUP, new SessionSetupRequest(0, 1, 0, 0, ntlm.authenticate(challenge), 0)::encodeBody));
        signer = MessageSigner.of(SigningAlgorithm.HMAC_SHA256,
                SessionKeys.derive(Dialect.SMB_2_0_2, ntlm.sessionKey(), null, null).signingKey());
        treeId = header(exchange(signed(request(Command.TREE_CONNECT,
                new TreeConnectRequest(0, "\\\\h\\data")::encodeBody)))).treeId();
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    private byte[] lastReply;

    private byte[] request(Command command, java.util.function.Consumer<WireWriter> body) {
        return TestServers.request(command, nextMessageId++, 0, sessionId, treeId, body);
    }

    private byte[] signed(byte[] message) {
        message[16] |= (byte) HeaderFlags.SIGNED;
        signer.sign(message, 0, message.length);
        return message;
    }

    private byte[] exchange(byte[] frame) {
        Outcome out = processor.process(connection, frame);
        lastReply = assertInstanceOf(Outcome.Send.class, out, () -> "got " + out).payload();
        return lastReply;
    }

    /** Sends requests as one compound, the later ones related; returns each reply. */
    private List<byte[]> compound(List<byte[]> messages) throws Exception {
        List<byte[]> linked = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            byte[] m = Compound.link(messages.get(i), i == messages.size() - 1);
            if (i > 0) {
                m[16] |= (byte) HeaderFlags.RELATED_OPERATIONS;
            }
            linked.add(signed(m));
        }
        byte[] reply = exchange(Compound.join(linked));
        List<byte[]> out = new ArrayList<>();
        for (Compound.Slice s : Compound.split(reply)) {
            out.add(java.util.Arrays.copyOfRange(reply, s.offset(), s.offset() + s.length()));
        }
        return out;
    }

    private static Smb2Header header(byte[] message) throws Exception {
        return Smb2Header.decode(new WireReader(message));
    }

    /** Full access to a file; the share root, whose DACL gives users no WRITE_DAC, is opened to read. */
    private byte[] create(String name, int disposition, int options) {
        int access = name.isEmpty() ? 0x00120089 : 0x001F01FF;
        return request(Command.CREATE, new CreateRequest(0, 2, access, 0, 7, disposition, options, name,
                List.of())::encodeBody);
    }

    private byte[] close(Smb2FileId id) {
        return request(Command.CLOSE, new CloseRequest(CloseRequest.POSTQUERY_ATTRIB, id)::encodeBody);
    }

    @Test
    void relatedCompoundUsesTheCreatedFileIdAndClosesIt() throws Exception {
        List<byte[]> replies = compound(List.of(create("a.txt", 2, 0),
                request(Command.QUERY_INFO, new QueryInfoRequest(1, 18, 4096, new byte[0], 0, 0, Smb2FileId.CHAINED)::encodeBody),
                close(Smb2FileId.CHAINED)));
        for (byte[] reply : replies) {
            assertEquals(NtStatus.SUCCESS, header(reply).status());
        }
        assertEquals(3, replies.size());
        assertEquals(0, service.openCount());
    }

    @Test
    void requestsRelatedToAFailedCreateFailWithItsStatus() throws Exception {
        List<byte[]> replies = compound(List.of(create("missing", 1, 0), close(Smb2FileId.CHAINED)));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, header(replies.get(0)).status());
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, header(replies.get(1)).status());
    }

    @Test
    void writesReadsAndReportsEndOfFile() throws Exception {
        Smb2FileId id = CreateResponse.decode(new WireReader(exchange(signed(create("f", 2, 0))))).fileId();
        byte[] data = "hello, haven".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        exchange(signed(request(Command.WRITE, new WriteRequest(3, id, 0, ByteBuffer.wrap(data))::encodeBody)));
        byte[] read = exchange(signed(request(Command.READ, new ReadRequest(0, 0, 100, 3, id, 0)::encodeBody)));
        ReadResponse r = ReadResponse.decode(new WireReader(read));
        assertArrayEquals(data, r.bytes());
        byte[] eof = exchange(signed(request(Command.READ, new ReadRequest(0, 0, 100, 1000, id, 0)::encodeBody)));
        assertEquals(NtStatus.END_OF_FILE, header(eof).status());
    }

    /**
     * A large READ is read into memory the transport lends, signed there and sent from it; in a
     * compound the data is copied into the heap reply and the memory given back; a failed READ
     * gives it back too.
     */
    @Test
    void largeReadsUseLentMemoryAndAlwaysGiveItBack() throws Exception {
        output.lending = true;
        Smb2FileId id = CreateResponse.decode(new WireReader(exchange(signed(create("big", 2, 0))))).fileId();
        byte[] data = new byte[3 * ReadHandler.LEND_THRESHOLD + 5];
        new java.util.Random(7).nextBytes(data);
        exchange(signed(request(Command.WRITE, new WriteRequest(0, id, 0, ByteBuffer.wrap(data))::encodeBody)));

        Outcome out = processor.process(connection,
                signed(request(Command.READ, new ReadRequest(0, 0, data.length + 100, 0, id, 0)::encodeBody)));
        Outcome.SendLent lent = assertInstanceOf(Outcome.SendLent.class, out, () -> "got " + out);
        lent.message().send(lent.length());
        byte[] sent = output.sent.getLast();
        assertEquals(ReadResponse.DATA_OFFSET + data.length, sent.length, "a short read sends what was read");
        assertEquals(NtStatus.SUCCESS, header(sent).status());
        assertTrue(signer.verify(sent, 0, sent.length), "signed over the header and the lent data");
        assertArrayEquals(data, ReadResponse.decode(new WireReader(sent)).bytes());

        List<byte[]> replies = compound(List.of(
                request(Command.READ, new ReadRequest(0, 0, data.length, 0, id, 0)::encodeBody),
                request(Command.READ, new ReadRequest(0, 0, data.length, 0, id, 0)::encodeBody)));
        for (byte[] reply : replies) {
            assertArrayEquals(data, ReadResponse.decode(new WireReader(reply)).bytes());
        }
        byte[] eof = exchange(signed(request(Command.READ,
                new ReadRequest(0, 0, ReadHandler.LEND_THRESHOLD, data.length, id, 0)::encodeBody)));
        assertEquals(NtStatus.END_OF_FILE, header(eof).status());
        assertEquals(0, output.outstanding, "every lent buffer was sent or given back");
    }

    /**
     * A WRITE the transport split into head and direct data is verified over both parts and
     * written from the direct data; a flipped data byte fails the signature and writes nothing.
     */
    @Test
    void aSplitWriteIsVerifiedAndWrittenFromItsTrailingData() throws Exception {
        Smb2FileId id = CreateResponse.decode(new WireReader(exchange(signed(create("split", 2, 0))))).fileId();
        byte[] data = new byte[TransportFrameDecoder.SPLIT_THRESHOLD];
        new java.util.Random(8).nextBytes(data);
        ByteBuffer trailing = ByteBuffer.allocateDirect(data.length).put(data).flip();
        trailing.put(0, (byte) (data[0] ^ 1));
        Outcome bad = processor.process(connection, splitWriteHead(id, data), trailing);
        assertEquals(NtStatus.ACCESS_DENIED, header(assertInstanceOf(Outcome.Send.class, bad).payload()).status());
        trailing.put(0, data[0]);
        Outcome good = processor.process(connection, splitWriteHead(id, data), trailing);
        assertEquals(NtStatus.SUCCESS, header(assertInstanceOf(Outcome.Send.class, good).payload()).status());
        byte[] read = exchange(signed(request(Command.READ, new ReadRequest(0, 0, data.length, 0, id, 0)::encodeBody)));
        assertArrayEquals(data, ReadResponse.decode(new WireReader(read)).bytes());
    }

    /** A signed WRITE of {@code data} as the transport splits it: its head alone. */
    private byte[] splitWriteHead(Smb2FileId id, byte[] data) {
        byte[] message = signed(request(Command.WRITE, new WriteRequest(0, id, 0, ByteBuffer.wrap(data))::encodeBody));
        assertTrue(TransportFrameDecoder.isPlainWrite(message, message.length));
        return java.util.Arrays.copyOf(message, TransportFrameDecoder.WRITE_HEAD);
    }

    /** ExtA gives a new file its EAs; QUERY_INFO and SET_INFO FileFullEaInformation read and remove them. */
    @Test
    void extendedAttributesFromCreateThroughQueryAndSetInfo() throws Exception {
        List<dev.haven.files.service.ExtendedAttribute> given = List.of(
                new dev.haven.files.service.ExtendedAttribute("EaOne", new byte[] {'1'}, 0),
                new dev.haven.files.service.ExtendedAttribute("Two", new byte[] {'2', '2'}, 0));
        CreateResponse r = CreateResponse.decode(new WireReader(exchange(signed(request(Command.CREATE,
                new CreateRequest(0, 2, 0x001F01FF, 0, 7, 2, 0, "eas", List.of(new dev.haven.smb.wire.CreateContext(
                        "ExtA", FullEaInformation.encode(given))))::encodeBody)))));
        byte[] all = exchange(signed(request(Command.QUERY_INFO,
                new QueryInfoRequest(1, 15, 4096, new byte[0], 0, 1, r.fileId())::encodeBody)));
        assertEquals(NtStatus.SUCCESS, header(all).status());
        List<dev.haven.files.service.ExtendedAttribute> back = FullEaInformation.decode(
                dev.haven.smb.wire.QueryInfoResponse.decode(new WireReader(all)).buffer());
        assertEquals(List.of("EAONE", "TWO"), back.stream().map(dev.haven.files.service.ExtendedAttribute::name).toList());
        byte[] eaSize = exchange(signed(request(Command.QUERY_INFO,
                new QueryInfoRequest(1, 7, 4, new byte[0], 0, 0, r.fileId())::encodeBody)));
        assertArrayEquals(new byte[] {30, 0, 0, 0}, dev.haven.smb.wire.QueryInfoResponse.decode(new WireReader(eaSize)).buffer());
        byte[] one = exchange(signed(request(Command.QUERY_INFO,
                new QueryInfoRequest(1, 15, 4096, new byte[0], 2, 0x4 | 0x2, r.fileId())::encodeBody)));
        assertEquals("TWO", FullEaInformation.decode(dev.haven.smb.wire.QueryInfoResponse.decode(new WireReader(one))
                .buffer()).get(0).name(), "SL_INDEX_SPECIFIED 2, single entry");
        byte[] tooSmall = exchange(signed(request(Command.QUERY_INFO,
                new QueryInfoRequest(1, 15, 8, new byte[0], 0, 1, r.fileId())::encodeBody)));
        assertEquals(NtStatus.BUFFER_TOO_SMALL, header(tooSmall).status());
        byte[] remove = FullEaInformation.encode(List.of(new dev.haven.files.service.ExtendedAttribute("eaone", new byte[0], 0),
                new dev.haven.files.service.ExtendedAttribute("two", new byte[0], 0)));
        assertEquals(NtStatus.SUCCESS, header(exchange(signed(request(Command.SET_INFO,
                new dev.haven.smb.wire.SetInfoRequest(1, 15, remove, 0, r.fileId())::encodeBody)))).status());
        assertEquals(NtStatus.NO_EAS_ON_FILE, header(exchange(signed(request(Command.QUERY_INFO,
                new QueryInfoRequest(1, 15, 4096, new byte[0], 0, 1, r.fileId())::encodeBody)))).status());
        byte[] badName = FullEaInformation.encode(List.of(new dev.haven.files.service.ExtendedAttribute("a:b", new byte[] {1}, 0)));
        assertEquals(NtStatus.INVALID_EA_NAME, header(exchange(signed(request(Command.SET_INFO,
                new dev.haven.smb.wire.SetInfoRequest(1, 15, badName, 0, r.fileId())::encodeBody)))).status());
    }

    /** [MS-SMB2] 2.2.14.2.5 and 2.2.14.2.9: MxAc answers the creator's full control, QFid the file's id. */
    @Test
    void answersMaximalAccessAndOnDiskIdWhenAsked() throws Exception {
        List<dev.haven.smb.wire.CreateContext> asks = List.of(new dev.haven.smb.wire.CreateContext("MxAc", new byte[0]),
                new dev.haven.smb.wire.CreateContext("QFid", new byte[0]));
        CreateResponse r = CreateResponse.decode(new WireReader(exchange(signed(request(Command.CREATE,
                new CreateRequest(0, 2, 0x00120089, 0, 7, 2, 0, "q", asks)::encodeBody)))));
        assertEquals(List.of("MxAc", "QFid"), r.createContexts().stream().map(dev.haven.smb.wire.CreateContext::name).toList());
        ByteBuffer mxac = ByteBuffer.wrap(r.createContexts().get(0).data()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(0, mxac.getInt(), "QueryStatus");
        assertEquals(0x001F01FF, mxac.getInt(), "the creator owns the file");
        ByteBuffer qfid = ByteBuffer.wrap(r.createContexts().get(1).data()).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertEquals(32, qfid.remaining());
        assertEquals(fs.resolve("q").id(), qfid.getLong(), "DiskFileId is the inode, as FileInternalInformation says");
        assertEquals(0, CreateResponse.decode(new WireReader(exchange(signed(create("q", 1, 0))))).createContexts().size(),
                "nothing asked, nothing answered");
        byte[] bad = exchange(signed(request(Command.CREATE, new CreateRequest(0, 2, 0x00120089, 0, 7, 1, 0, "q",
                List.of(new dev.haven.smb.wire.CreateContext("MxAc", new byte[4])))::encodeBody)));
        assertEquals(NtStatus.INVALID_PARAMETER, header(bad).status());
    }

    @Test
    void listingEndsWithNoMoreFilesAndAMissingPatternIsNoSuchFile() throws Exception {
        Smb2FileId dir = CreateResponse.decode(new WireReader(exchange(signed(create("", 1, 0))))).fileId();
        byte[] first = exchange(signed(query(dir, "*")));
        assertEquals(NtStatus.SUCCESS, header(first).status());
        assertEquals(NtStatus.NO_MORE_FILES, header(exchange(signed(query(dir, "*")))).status());
        byte[] none = exchange(signed(request(Command.QUERY_DIRECTORY, new QueryDirectoryRequest(37,
                QueryDirectoryRequest.RESTART_SCANS, 0, dir, "nothing*", 65536)::encodeBody)));
        assertEquals(NtStatus.NO_SUCH_FILE, header(none).status());
    }

    private byte[] query(Smb2FileId dir, String pattern) {
        return request(Command.QUERY_DIRECTORY, new QueryDirectoryRequest(37, 0, 0, dir, pattern, 65536)::encodeBody);
    }

    @Test
    void treeDisconnectAndConnectionLossCloseOpens() throws Exception {
        exchange(signed(create("x", 2, 0)));
        assertEquals(1, service.openCount());
        exchange(signed(request(Command.TREE_DISCONNECT, w -> w.u16(4).u16(0))));
        assertEquals(0, service.openCount());
        treeId = header(exchange(signed(request(Command.TREE_CONNECT,
                new TreeConnectRequest(0, "\\\\h\\data")::encodeBody)))).treeId();
        exchange(signed(create("x", 1, 0)));
        assertEquals(1, service.openCount());
        connection.closeAll();
        assertEquals(0, service.openCount());
    }

    private byte[] lock(Smb2FileId id, int flags) {
        return signed(request(Command.LOCK, new dev.haven.smb.wire.LockRequest(0, id,
                List.of(new dev.haven.smb.wire.LockRequest.Element(0, 10, flags)))::encodeBody));
    }

    /** Two opens of one file; the first holds an exclusive lock on bytes 0-9. */
    private Smb2FileId[] lockedByTheFirst() throws Exception {
        Smb2FileId first = CreateResponse.decode(new WireReader(exchange(signed(create("l", 3, 0))))).fileId();
        Smb2FileId second = CreateResponse.decode(new WireReader(exchange(signed(create("l", 1, 0))))).fileId();
        assertEquals(NtStatus.SUCCESS, header(exchange(lock(first, 0x02))).status());
        return new Smb2FileId[] {first, second};
    }

    /** Sends a blocking lock on the second open; checks the interim response and returns its AsyncId. */
    private long pendingLock(Smb2FileId second) throws Exception {
        Smb2Header interim = header(exchange(lock(second, 0x02)));
        assertEquals(NtStatus.PENDING, interim.status());
        assertEquals(true, interim.isAsync());
        assertEquals(1, connection.pending.size());
        return interim.asyncId();
    }

    private Smb2Header finalResponse(long asyncId) throws Exception {
        output.runTasks();
        assertEquals(1, output.sent.size(), "one final response");
        byte[] reply = output.sent.remove(0);
        Smb2Header h = header(reply);
        assertEquals(asyncId, h.asyncId());
        assertEquals(true, h.isAsync());
        assertEquals(true, signer.verify(reply, 0, reply.length), "the final response is signed");
        assertEquals(0, connection.pending.size());
        return h;
    }

    @Test
    void blockingLockGoesAsyncAndIsGrantedWhenTheRangeIsFreed() throws Exception {
        Smb2FileId[] ids = lockedByTheFirst();
        long asyncId = pendingLock(ids[1]);
        output.runTasks();
        assertEquals(0, output.sent.size(), "nothing before the range is free");
        assertEquals(NtStatus.SUCCESS, header(exchange(lock(ids[0], 0x04))).status());
        assertEquals(NtStatus.SUCCESS, finalResponse(asyncId).status());
        assertEquals(NtStatus.LOCK_NOT_GRANTED, header(exchange(lock(ids[0], 0x12))).status(),
                "the waiter now holds the range");
    }

    @Test
    void cancelByAsyncIdOrMessageIdAnswersCancelled() throws Exception {
        Smb2FileId[] ids = lockedByTheFirst();
        long asyncId = pendingLock(ids[1]);
        byte[] cancel = request(Command.CANCEL, w -> w.u16(4).u16(0));
        cancel[16] |= (byte) HeaderFlags.ASYNC_COMMAND;
        java.nio.ByteBuffer.wrap(cancel, 32, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).putLong(asyncId);
        assertInstanceOf(Outcome.Silent.class, processor.process(connection, cancel));
        assertEquals(NtStatus.CANCELLED, finalResponse(asyncId).status());

        long messageId = nextMessageId;
        long second = pendingLock(ids[1]);
        byte[] byMessageId = TestServers.request(Command.CANCEL, messageId, 0, sessionId, treeId, w -> w.u16(4).u16(0));
        assertInstanceOf(Outcome.Silent.class, processor.process(connection, byMessageId));
        assertEquals(NtStatus.CANCELLED, finalResponse(second).status());
        assertEquals(NtStatus.SUCCESS, header(exchange(lock(ids[0], 0x04))).status());
        output.runTasks();
        assertEquals(0, output.sent.size(), "a cancelled lock is not granted later");
    }

    @Test
    void closingTheWaitingHandleAnswersRangeNotLocked() throws Exception {
        Smb2FileId[] ids = lockedByTheFirst();
        long asyncId = pendingLock(ids[1]);
        assertEquals(NtStatus.SUCCESS, header(exchange(signed(close(ids[1])))).status());
        assertEquals(NtStatus.RANGE_NOT_LOCKED, finalResponse(asyncId).status());
    }

    @Test
    void connectionLossWithdrawsPendingRequests() throws Exception {
        Smb2FileId[] ids = lockedByTheFirst();
        pendingLock(ids[1]);
        connection.closeAll();
        assertEquals(0, connection.pending.size());
        assertEquals(0, service.openCount());
    }

    private byte[] notify(Smb2FileId dir, int bufferSize) {
        return request(Command.CHANGE_NOTIFY, new dev.haven.smb.wire.ChangeNotifyRequest(0, bufferSize, dir, 0x3)::encodeBody);
    }

    private Smb2FileId rootDirectory() throws Exception {
        return CreateResponse.decode(new WireReader(exchange(signed(create("", 1, 1))))).fileId();
    }

    @Test
    void changeNotifyGoesAsyncAndTheNextChangeAnswersIt() throws Exception {
        Smb2FileId dir = rootDirectory();
        Smb2Header interim = header(exchange(signed(notify(dir, 4096))));
        assertEquals(NtStatus.PENDING, interim.status());
        output.runTasks();
        assertEquals(0, output.sent.size(), "nothing changed yet");
        exchange(signed(create("new.txt", 2, 0)));
        output.runTasks();
        byte[] reply = output.sent.get(0);
        assertEquals(NtStatus.SUCCESS, finalResponse(interim.asyncId()).status());
        assertEquals(List.of(new dev.haven.smb.wire.ChangeNotifyResponse.Entry(1, "new.txt")),
                dev.haven.smb.wire.ChangeNotifyResponse.decode(new WireReader(reply)).changes());
        exchange(signed(create("other.txt", 2, 0)));
        assertEquals(NtStatus.NOTIFY_ENUM_DIR, header(exchange(signed(notify(dir, 0)))).status(),
                "a buffered change larger than the request's buffer answers at once");
    }

    @Test
    void closingTheWatchedHandleAnswersNotifyCleanupAndCancelAnswersCancelled() throws Exception {
        Smb2FileId dir = rootDirectory();
        long cancelled = nextMessageId;
        long first = header(exchange(signed(notify(dir, 4096)))).asyncId();
        byte[] byMessageId = TestServers.request(Command.CANCEL, cancelled, 0, sessionId, treeId, w -> w.u16(4).u16(0));
        assertInstanceOf(Outcome.Silent.class, processor.process(connection, byMessageId));
        assertEquals(NtStatus.CANCELLED, finalResponse(first).status());
        long second = header(exchange(signed(notify(dir, 4096)))).asyncId();
        assertEquals(NtStatus.SUCCESS, header(exchange(signed(close(dir)))).status());
        assertEquals(NtStatus.NOTIFY_CLEANUP, finalResponse(second).status());
        assertEquals(0, service.changes().watchCount());
    }

    @Test
    void changeNotifyOnAFileIsInvalidParameter() throws Exception {
        Smb2FileId file = CreateResponse.decode(new WireReader(exchange(signed(create("f", 2, 0))))).fileId();
        assertEquals(NtStatus.INVALID_PARAMETER, header(exchange(signed(notify(file, 4096)))).status());
    }

    @Test
    void changeNotifyLastInACompoundAnswersItsInterimWithTheEarlierResponses() throws Exception {
        List<byte[]> replies = compound(List.of(create("d", 2, 1), notify(Smb2FileId.CHAINED, 4096)));
        assertEquals(NtStatus.SUCCESS, header(replies.get(0)).status());
        Smb2Header interim = header(replies.get(1));
        assertEquals(NtStatus.PENDING, interim.status());
        assertEquals(true, interim.isAsync());
        exchange(signed(create("d\\inner", 2, 0)));
        assertEquals(NtStatus.SUCCESS, finalResponse(interim.asyncId()).status());
    }

    @Test
    void aRequestThatWouldGoAsyncInsideACompoundFailsWithInternalErrorAndTheRestRuns() throws Exception {
        List<byte[]> replies = compound(List.of(create("d2", 2, 1), notify(Smb2FileId.CHAINED, 4096),
                request(Command.QUERY_INFO, new QueryInfoRequest(1, 4, 4096, new byte[0], 0, 0, Smb2FileId.CHAINED)::encodeBody)));
        assertEquals(NtStatus.SUCCESS, header(replies.get(0)).status());
        assertEquals(NtStatus.INTERNAL_ERROR, header(replies.get(1)).status());
        assertEquals(NtStatus.SUCCESS, header(replies.get(2)).status());
        assertEquals(0, connection.pending.size());
        exchange(signed(create("d2\\inner", 2, 0)));
        output.runTasks();
        assertEquals(0, output.sent.size(), "the failed request is never answered again");
    }

    @Test
    void anUnknownCommandIsInvalidParameterWithItsCodeEchoed() throws Exception {
        byte[] bogus = request(Command.ECHO, w -> w.u16(4).u16(0));
        bogus[12] = (byte) 0xff;
        List<byte[]> replies = compound(List.of(request(Command.ECHO, w -> w.u16(4).u16(0)), bogus));
        assertEquals(NtStatus.SUCCESS, header(replies.get(0)).status());
        byte[] reply = replies.get(1);
        assertEquals(0xff, reply[12] & 0xff);
        assertEquals(NtStatus.INVALID_PARAMETER, new NtStatus(java.nio.ByteBuffer.wrap(reply, 8, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()));
        assertEquals(true, signer.verify(reply, 0, reply.length), "signed like every response of the session");
    }

    private byte[] ioctl(dev.haven.smb.wire.FsctlCode code, Smb2FileId id, byte[] input, int maxOutput) {
        WireWriter fid = new WireWriter();
        id.encode(fid);
        return request(Command.IOCTL, new dev.haven.smb.wire.IoctlRequest(code.code(), fid.toByteArray(), input, 0,
                new byte[0], maxOutput, dev.haven.smb.wire.IoctlRequest.IS_FSCTL)::encodeBody);
    }

    private static byte[] ioctlOutput(byte[] reply) throws Exception {
        return dev.haven.smb.wire.IoctlResponse.decode(new WireReader(reply)).output();
    }

    @Test
    void serverSideCopyByResumeKeyAnswersFailuresWithItsIoctlResponse() throws Exception {
        Smb2FileId src = CreateResponse.decode(new WireReader(exchange(signed(create("src", 2, 0))))).fileId();
        Smb2FileId dst = CreateResponse.decode(new WireReader(exchange(signed(create("dst", 2, 0))))).fileId();
        byte[] data = new byte[8192];
        new java.util.Random(7).nextBytes(data);
        exchange(signed(request(Command.WRITE, new WriteRequest(0, src, 0, ByteBuffer.wrap(data))::encodeBody)));
        byte[] key = dev.haven.smb.wire.ResumeKeyResponse.decode(ioctlOutput(exchange(signed(
                ioctl(dev.haven.smb.wire.FsctlCode.SRV_REQUEST_RESUME_KEY, src, new byte[0], 32))))).resumeKey();
        var copy = new dev.haven.smb.wire.CopyChunkRequest(key, List.of(
                new dev.haven.smb.wire.CopyChunkRequest.Chunk(0, 0, 4096),
                new dev.haven.smb.wire.CopyChunkRequest.Chunk(4096, 4096, 8192)));
        byte[] partial = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.SRV_COPYCHUNK, dst, copy.encode(), 12)));
        assertEquals(NtStatus.INVALID_VIEW_SIZE, header(partial).status());
        assertEquals(new dev.haven.smb.wire.CopyChunkResponse(1, 0, 4096),
                dev.haven.smb.wire.CopyChunkResponse.decode(ioctlOutput(partial)));
        var tooBig = new dev.haven.smb.wire.CopyChunkRequest(key, List.of(
                new dev.haven.smb.wire.CopyChunkRequest.Chunk(0, 0, 0xFFFFFFFFL)));
        byte[] limits = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.SRV_COPYCHUNK, dst, tooBig.encode(), 12)));
        assertEquals(NtStatus.INVALID_PARAMETER, header(limits).status());
        assertEquals(new dev.haven.smb.wire.CopyChunkResponse(256, 1 << 20, 16 << 20),
                dev.haven.smb.wire.CopyChunkResponse.decode(ioctlOutput(limits)));
        byte[] whole = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.SRV_COPYCHUNK_WRITE, dst,
                new dev.haven.smb.wire.CopyChunkRequest(key, List.of(
                        new dev.haven.smb.wire.CopyChunkRequest.Chunk(0, 0, 8192))).encode(), 12)));
        assertEquals(NtStatus.SUCCESS, header(whole).status());
        byte[] read = exchange(signed(request(Command.READ, new ReadRequest(0, 0, 8192, 0, dst, 0)::encodeBody)));
        assertArrayEquals(data, java.util.Arrays.copyOf(ReadResponse.decode(new WireReader(read)).bytes(), 8192));
    }

    @Test
    void allocatedRangesThatDoNotFitAreABufferOverflowWithThoseThatDo() throws Exception {
        Smb2FileId f = CreateResponse.decode(new WireReader(exchange(signed(create("sparse", 2, 0))))).fileId();
        exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.SET_SPARSE, f, new byte[0], 0)));
        exchange(signed(request(Command.WRITE, new WriteRequest(0, f, 0, ByteBuffer.wrap(new byte[10]))::encodeBody)));
        exchange(signed(request(Command.WRITE, new WriteRequest(1 << 20, f, 0, ByteBuffer.wrap(new byte[10]))::encodeBody)));
        byte[] query = new dev.haven.smb.wire.AllocatedRange(0, 2 << 20).encode();
        byte[] one = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.QUERY_ALLOCATED_RANGES, f, query, 31)));
        assertEquals(NtStatus.BUFFER_OVERFLOW, header(one).status());
        assertEquals(List.of(new dev.haven.smb.wire.AllocatedRange(0, 4096)),
                dev.haven.smb.wire.AllocatedRange.decodeAll(ioctlOutput(one)));
        byte[] none = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.QUERY_ALLOCATED_RANGES, f, query, 0)));
        assertEquals(NtStatus.BUFFER_TOO_SMALL, header(none).status());
        byte[] both = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.QUERY_ALLOCATED_RANGES, f, query, 32)));
        assertEquals(2, dev.haven.smb.wire.AllocatedRange.decodeAll(ioctlOutput(both)).size());
        byte[] empty = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.QUERY_ALLOCATED_RANGES, f, new byte[0], 32)));
        assertEquals(NtStatus.INVALID_PARAMETER, header(empty).status());
    }

    @Test
    void answersCompressionTrimDuplicateExtentsAndSnapshotsAsAFileSystemWithoutThem() throws Exception {
        Smb2FileId f = CreateResponse.decode(new WireReader(exchange(signed(create("c", 2, 0))))).fileId();
        byte[] get = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.GET_COMPRESSION, f, new byte[0], 2)));
        assertArrayEquals(new byte[2], ioctlOutput(get));
        assertEquals(NtStatus.SUCCESS, header(exchange(signed(
                ioctl(dev.haven.smb.wire.FsctlCode.SET_COMPRESSION, f, new byte[2], 0)))).status());
        assertEquals(NtStatus.NOT_SUPPORTED, header(exchange(signed(
                ioctl(dev.haven.smb.wire.FsctlCode.SET_COMPRESSION, f, new byte[] {1, 0}, 0)))).status());
        assertEquals(NtStatus.INVALID_PARAMETER, header(exchange(signed(
                ioctl(dev.haven.smb.wire.FsctlCode.SET_COMPRESSION, f, new byte[] {3, 0}, 0)))).status());
        assertEquals(NtStatus.INVALID_DEVICE_REQUEST, header(exchange(signed(
                ioctl(dev.haven.smb.wire.FsctlCode.DUPLICATE_EXTENTS_TO_FILE, f, new byte[32], 0)))).status());
        byte[] trim = new WireWriter().u32(0).u32(1).u64(0).u64(4096).toByteArray();
        byte[] trimmed = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.FILE_LEVEL_TRIM, f, trim, 4)));
        assertArrayEquals(new byte[] {1, 0, 0, 0}, ioctlOutput(trimmed));
        byte[] snaps = exchange(signed(ioctl(dev.haven.smb.wire.FsctlCode.SRV_ENUMERATE_SNAPSHOTS, f, new byte[0], 16)));
        assertEquals(List.of(), dev.haven.smb.wire.SnapshotArray.decode(ioctlOutput(snaps)).snapshots());
        assertEquals(NtStatus.INVALID_PARAMETER, header(exchange(signed(
                ioctl(dev.haven.smb.wire.FsctlCode.SRV_ENUMERATE_SNAPSHOTS, f, new byte[0], 15)))).status());
    }

    private Smb2FileId openWithOplock(String name, int level, int expectedLevel) throws Exception {
        CreateResponse r = CreateResponse.decode(new WireReader(exchange(signed(request(Command.CREATE,
                new CreateRequest(level, 2, 0x001F01FF, 0, 7, 3, 0, name, List.of())::encodeBody)))));
        assertEquals(expectedLevel, r.oplockLevel());
        return r.fileId();
    }

    /** A second open of a file under a batch oplock: interim STATUS_PENDING, then the break; returns the AsyncId. */
    private long secondOpenWaitsForTheBreak(Smb2FileId holder) throws Exception {
        Smb2Header interim = header(exchange(signed(create("o", 1, 0))));
        assertEquals(NtStatus.PENDING, interim.status());
        output.runTasks();
        assertEquals(1, output.sent.size(), "the break notification");
        byte[] note = output.sent.remove(0);
        Smb2Header h = header(note);
        assertEquals(Command.OPLOCK_BREAK, h.command());
        assertEquals(-1L, h.messageId(), "[MS-SMB2] 3.3.4.6: server-initiated");
        assertEquals(0, h.flags() & HeaderFlags.SIGNED, "break notifications are not signed");
        WireReader body = new WireReader(note);
        body.position(Smb2Header.SIZE);
        body.skip(2);
        assertEquals(1, body.u8(), "batch breaks to level II");
        body.skip(5);
        assertEquals(holder, Smb2FileId.decode(body));
        return interim.asyncId();
    }

    @Test
    void secondOpenBreaksABatchOplockAndCompletesWhenTheBreakIsAcknowledged() throws Exception {
        Smb2FileId first = openWithOplock("o", 0x09, 0x09);
        long asyncId = secondOpenWaitsForTheBreak(first);
        Smb2Header ack = header(exchange(signed(request(Command.OPLOCK_BREAK,
                new dev.haven.smb.wire.OplockBreak(1, first)::encodeBody))));
        assertEquals(NtStatus.SUCCESS, ack.status());
        assertEquals(1, lastReply[Smb2Header.SIZE + 2], "the response names the level now held");
        assertEquals(NtStatus.SUCCESS, finalResponse(asyncId).status());
        assertEquals(NtStatus.INVALID_OPLOCK_PROTOCOL, header(exchange(signed(request(Command.OPLOCK_BREAK,
                new dev.haven.smb.wire.OplockBreak(0, first)::encodeBody)))).status(), "no break is outstanding");
    }

    @Test
    void closingTheHolderCompletesTheWaitingOpen() throws Exception {
        Smb2FileId first = openWithOplock("o", 0x09, 0x09);
        long asyncId = secondOpenWaitsForTheBreak(first);
        assertEquals(NtStatus.SUCCESS, header(exchange(signed(close(first)))).status());
        assertEquals(NtStatus.SUCCESS, finalResponse(asyncId).status());
        assertEquals(1, service.openCount());
    }

    @Test
    void levelIIIsGrantedBesideAnotherOpenAndWritesBreakItWithoutAnAcknowledgment() throws Exception {
        Smb2FileId first = openWithOplock("w", 0, 0);
        Smb2FileId second = openWithOplock("w", 0x09, 0x01);
        assertEquals(NtStatus.SUCCESS, header(exchange(signed(request(Command.WRITE,
                new WriteRequest(0, first, 0, ByteBuffer.wrap(new byte[] {1}))::encodeBody)))).status());
        output.runTasks();
        assertEquals(1, output.sent.size(), "a break to none");
        byte[] note = output.sent.remove(0);
        assertEquals(0, note[Smb2Header.SIZE + 2], "level none");
        assertEquals(second.persistent(), ByteBuffer.wrap(note, Smb2Header.SIZE + 8, 8)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
    }

    @Test
    void aCompoundWhoseCreateWaitsForABreakRunsItsRestAfterTheCreateCompletes() throws Exception {
        Smb2FileId first = openWithOplock("o", 0x09, 0x09);
        List<byte[]> replies = compound(List.of(create("o", 1, 0), request(Command.QUERY_INFO,
                new QueryInfoRequest(1, 18, 4096, new byte[0], 0, 0, Smb2FileId.CHAINED)::encodeBody)));
        assertEquals(1, replies.size(), "only the interim response so far");
        assertEquals(NtStatus.PENDING, header(replies.get(0)).status());
        output.runTasks();
        assertEquals(Command.OPLOCK_BREAK, header(output.sent.remove(0)).command());
        exchange(signed(request(Command.OPLOCK_BREAK, new dev.haven.smb.wire.OplockBreak(1, first)::encodeBody)));
        output.runTasks();
        assertEquals(2, output.sent.size(), "the final CREATE response, then the rest of the compound");
        assertEquals(NtStatus.SUCCESS, header(output.sent.get(0)).status());
        Smb2Header query = header(output.sent.get(1));
        assertEquals(Command.QUERY_INFO, query.command());
        assertEquals(NtStatus.SUCCESS, query.status(), "the related request used the FileId the CREATE made");
    }
}
