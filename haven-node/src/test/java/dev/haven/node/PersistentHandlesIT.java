package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.Dialect;
import dev.haven.smb.server.RawSmbClient;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.LockRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.ReadResponse;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.TreeConnectResponse;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import dev.haven.smb.wire.WriteRequest;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Persistent handles end to end (issue 6): a client opens a file on a continuously available
 * share, writes and takes a byte-range lock; the node's process is killed with SIGKILL and
 * started again on the same data directory; the lock holds against a second client at once, and
 * the first client reconnects (DH2C) to the same handle with its data and lock.
 */
class PersistentHandlesIT {
    private static final int ALL_ACCESS = 0x001F01FF;
    private static final int SHARE_ALL = 7;
    private static final int OPEN_IF = 3;
    private static final int OPEN = 1;
    private static final int PERSISTENT = 0x2;

    @TempDir
    Path tmp;
    private Process node;

    @AfterEach
    void stop() throws Exception {
        if (node != null) {
            node.destroyForcibly().waitFor();
        }
    }

    /** Starts a node in its own JVM on {@code tmp} and returns its SMB port. */
    private int startNode() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        node = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), NodeProcess.class.getName(),
                tmp.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith(NodeProcess.READY)) {
                Thread.ofVirtual().start(() -> out.lines().forEach(l -> { })); // keep draining its log
                return Integer.parseInt(line.substring(NodeProcess.READY.length()).trim());
            }
            seen.append(line).append('\n');
        }
        throw new IllegalStateException("node did not start:\n" + seen);
    }

    private void killNode() throws Exception {
        node.destroyForcibly(); // SIGKILL: no shutdown hook, no final commit
        assertTrue(node.waitFor(30, TimeUnit.SECONDS));
        node = null;
    }

    private static RawSmbClient client(int port, byte[] clientGuid) throws Exception {
        return new RawSmbClient("127.0.0.1", port).logon(Dialect.SMB_3_0_2, clientGuid, EmbeddedDefault.USER,
                TestNodes.PASSWORD, "ca");
    }

    @Test
    void aPersistentHandleSurvivesSigkillWithItsDataAndLock() throws Exception {
        // The node's first start writes the configuration; add a continuously available share.
        try (Node first = Node.start(TestNodes.options(tmp, new ByteArrayOutputStream()))) {
            assertEquals(VirtualServerState.RUNNING, first.virtualServers().get(0).state());
        }
        Files.writeString(tmp.resolve(DataDirectory.CONFIG),
                "\n[share ca]\nfilesystem = data\npath = /\ncontinuously-available = yes\n", StandardOpenOption.APPEND);
        byte[] guid = guid();
        UUID createGuid = UUID.randomUUID();
        byte[] data = "acknowledged before the kill".getBytes(StandardCharsets.US_ASCII);
        int port = startNode();
        Smb2FileId id;
        try (RawSmbClient alice = client(port, guid)) {
            assertNotEquals(0, alice.treeCapabilities() & TreeConnectResponse.SHARE_CAP_CONTINUOUS_AVAILABILITY,
                    "the share says it is continuously available");
            CreateResponse created = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(alice.create(
                    new CreateRequest(0, 2, ALL_ACCESS, 0, SHARE_ALL, OPEN_IF, CreateRequest.FILE_NON_DIRECTORY_FILE,
                            "ca.txt", List.of(durableV2(createGuid)))))));
            CreateContext granted = created.createContexts().stream().filter(c -> c.name().equals("DH2Q")).findFirst()
                    .orElseThrow(() -> new AssertionError("no durable v2 response"));
            assertEquals(PERSISTENT, ByteBuffer.wrap(granted.data()).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt(4),
                    "persistent granted without any oplock or lease");
            id = created.fileId();
            RawSmbClient.expectOk(alice.send(true, alice.request(Command.WRITE,
                    new WriteRequest(0, id, 0, ByteBuffer.wrap(data))::encodeBody)));
            RawSmbClient.expectOk(alice.send(true, lock(alice, id)));
            killNode();
        }
        port = startNode();
        try (RawSmbClient bob = client(port, guid())) {
            // Another client may open the file (the share modes allow it) but not take the locked range.
            CreateResponse other = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(bob.create(
                    new CreateRequest(0, 2, ALL_ACCESS, 0, SHARE_ALL, OPEN, 0, "ca.txt", List.of())))));
            assertEquals(NtStatus.LOCK_NOT_GRANTED, RawSmbClient.status(bob.send(true, lock(bob, other.fileId()))),
                    "the persistent open's lock holds at once after the restart");
            RawSmbClient.expectOk(bob.send(true, bob.request(Command.CLOSE, new CloseRequest(0, other.fileId())::encodeBody)));
        }
        try (RawSmbClient alice = client(port, guid)) {
            byte[] reply = alice.create(reconnect(id, createGuid));
            assertEquals(NtStatus.SUCCESS, RawSmbClient.status(reply));
            CreateResponse back = CreateResponse.decode(new WireReader(reply));
            assertEquals(id.persistent(), back.fileId().persistent(), "the same open");
            Smb2FileId now = back.fileId();
            byte[] read = RawSmbClient.expectOk(alice.send(true, alice.request(Command.READ,
                    new ReadRequest(0, 0, 4096, 0, now, 0)::encodeBody)));
            assertArrayEquals(data, ReadResponse.decode(new WireReader(read)).bytes(), "every acknowledged byte");
            assertEquals(NtStatus.LOCK_NOT_GRANTED, RawSmbClient.status(alice.send(true, lock(alice, now))),
                    "its own lock is still held");
            RawSmbClient.expectOk(alice.send(true, alice.request(Command.CLOSE, new CloseRequest(0, now)::encodeBody)));
        }
        killNode();
        port = startNode();
        try (RawSmbClient bob = client(port, guid())) {
            CreateResponse other = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(bob.create(
                    new CreateRequest(0, 2, ALL_ACCESS, 0, SHARE_ALL, OPEN, 0, "ca.txt", List.of())))));
            RawSmbClient.expectOk(bob.send(true, lock(bob, other.fileId())));
            assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, RawSmbClient.status(bob.create(reconnect(id, createGuid))),
                    "a closed persistent open does not come back after another restart");
        }
    }

    private static byte[] guid() {
        UUID u = UUID.randomUUID();
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static CreateContext durableV2(UUID createGuid) {
        // [MS-SMB2] 2.2.13.2.11: Timeout, Flags (PERSISTENT), Reserved, CreateGuid.
        WireWriter w = new WireWriter(32).u32(60_000).u32(PERSISTENT).u64(0);
        return new CreateContext("DH2Q", w.u64(createGuid.getMostSignificantBits())
                .u64(createGuid.getLeastSignificantBits()).toByteArray());
    }

    private static CreateRequest reconnect(Smb2FileId id, UUID createGuid) {
        // [MS-SMB2] 2.2.13.2.12: FileId, CreateGuid, Flags.
        WireWriter w = new WireWriter(36);
        id.encode(w);
        w.u64(createGuid.getMostSignificantBits()).u64(createGuid.getLeastSignificantBits()).u32(PERSISTENT);
        return new CreateRequest(0, 2, 0, 0, 0, OPEN, 0, "ca.txt", List.of(new CreateContext("DH2C", w.toByteArray())));
    }

    private static byte[] lock(RawSmbClient c, Smb2FileId id) {
        return c.request(Command.LOCK, new LockRequest(0, id, List.of(new LockRequest.Element(0, 10,
                LockRequest.EXCLUSIVE_LOCK | LockRequest.FAIL_IMMEDIATELY)))::encodeBody);
    }
}
