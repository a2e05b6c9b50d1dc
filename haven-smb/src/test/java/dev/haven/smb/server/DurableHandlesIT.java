package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.durable.OpenStore;
import dev.haven.files.lease.ExecutorBreakScheduler;
import dev.haven.files.lock.ByteRangeLocks;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Share;
import dev.haven.files.share.ShareModeTable;
import dev.haven.smb.Dialect;
import dev.haven.smb.wire.FsctlCode;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.LockRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.ReadResponse;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import dev.haven.smb.wire.WriteRequest;
import dev.haven.testkit.MemoryBlockDevice;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Durable handles end to end over TCP: a client opens a file durably (batch oplock + DHnQ), writes
 * and locks a range; the network between it and the server is cut (a proxy drops both TCP
 * connections); another user's reconnect is refused; the owner reconnects on a new connection and
 * session and continues on the same FileId, its data and lock intact.
 */
class DurableHandlesIT {
    private static final byte[] PASS_HASH = UserDirectory.hashPassword("pass");
    private static final int BATCH = 0x09;
    private static final int ALL_ACCESS = 0x001F01FF;
    private static final int SHARE_ALL = 7;
    private static final int OVERWRITE_IF = 5;
    /** How many times a reconnect is retried while the server has not yet seen the cut connection. */
    private static final int ATTEMPTS = 2000;

    private HavenFs fs;
    private SmbServer server;

    @BeforeEach
    void start() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16384), new FormatOptions(true, Clock.systemUTC()));
        UserDirectory users = name -> name.equalsIgnoreCase("alice") || name.equalsIgnoreCase("bob")
                ? Optional.of(PASS_HASH.clone()) : Optional.empty();
        FileService files = new FileService(new ShareModeTable(), new ByteRangeLocks(), Clock.systemUTC(),
                new ExecutorBreakScheduler(Clock.systemUTC()), OpenStore.open(new MemoryBlockDevice("opens", 4096, 256)));
        Share data = Share.of("data", fs, false);
        server = SmbServer.start(new SmbServerConfig(users, new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test"),
                List.of(new ShareConfig(data, false), new ShareConfig("ca", false, false, data, null, true)),
                Clock.systemUTC(), true, false, SmbServerConfig.DEFAULT_MAX_FRAME_SIZE, files), "127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        fs.close();
    }

    @Test
    void aDurableOpenOutlivesANetworkCutKeepingItsDataAndLockAndOnlyItsOwnerGetsItBack() throws Exception {
        byte[] data = "acknowledged before the cut".getBytes(StandardCharsets.US_ASCII);
        Smb2FileId id;
        try (CuttingProxy proxy = new CuttingProxy(server.port());
                RawSmbClient alice = new RawSmbClient("127.0.0.1", proxy.port()).logon("alice", "pass", "data")) {
            CreateResponse created = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(alice.create(
                    new CreateRequest(BATCH, 2, ALL_ACCESS, 0, SHARE_ALL, OVERWRITE_IF, CreateRequest.FILE_NON_DIRECTORY_FILE,
                            "durable.txt", List.of(new CreateContext("DHnQ", new byte[16])))))));
            assertEquals(BATCH, created.oplockLevel());
            assertTrue(created.createContexts().stream().anyMatch(c -> c.name().equals("DHnQ")), "durability granted");
            id = created.fileId();
            RawSmbClient.expectOk(alice.send(true, alice.request(Command.WRITE,
                    new WriteRequest(0, id, 0, ByteBuffer.wrap(data))::encodeBody)));
            RawSmbClient.expectOk(alice.send(true, lock(alice, id)));
            proxy.cut();
        }
        try (RawSmbClient bob = new RawSmbClient("127.0.0.1", server.port()).logon("bob", "pass", "data")) {
            assertEquals(NtStatus.ACCESS_DENIED, reconnect(bob, id), "another user's reconnect is refused");
        }
        try (RawSmbClient alice = new RawSmbClient("127.0.0.1", server.port()).logon("alice", "pass", "data")) {
            byte[] reply = alice.create(reconnectRequest(id));
            assertEquals(NtStatus.SUCCESS, RawSmbClient.status(reply));
            CreateResponse back = CreateResponse.decode(new WireReader(reply));
            assertEquals(id.persistent(), back.fileId().persistent(), "the same open");
            assertEquals(BATCH, back.oplockLevel(), "with its oplock");
            Smb2FileId now = back.fileId();
            byte[] read = RawSmbClient.expectOk(alice.send(true, alice.request(Command.READ,
                    new ReadRequest(0, 0, 4096, 0, now, 0)::encodeBody)));
            assertArrayEquals(data, ReadResponse.decode(new WireReader(read)).bytes());
            assertEquals(NtStatus.LOCK_NOT_GRANTED, RawSmbClient.status(alice.send(true, lock(alice, now))),
                    "the range is still locked by the open");
        }
    }

    /**
     * A persistent open (continuously available share) and a resilient one (FSCTL_LMR_REQUEST_
     * RESILIENCY) hold no oplock or lease, and still outlive a network cut with their lock; a
     * resilient open holding a lease comes back with a reconnect naming that lease.
     */
    @Test
    void persistentAndResilientOpensWithoutCachingOutliveANetworkCut() throws Exception {
        byte[] guid = new byte[16];
        guid[0] = 7;
        UUID createGuid = UUID.randomUUID();
        Smb2FileId persistent;
        Smb2FileId resilient;
        Smb2FileId leased;
        try (CuttingProxy proxy = new CuttingProxy(server.port());
                RawSmbClient alice = new RawSmbClient("127.0.0.1", proxy.port()).logon(Dialect.SMB_3_0_2, guid, "alice",
                        "pass", "ca")) {
            WireWriter dh2q = new WireWriter(32).u32(60_000).u32(2).u64(0).u64(createGuid.getMostSignificantBits())
                    .u64(createGuid.getLeastSignificantBits());
            persistent = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(alice.create(new CreateRequest(0, 2,
                    ALL_ACCESS, 0, SHARE_ALL, OVERWRITE_IF, CreateRequest.FILE_NON_DIRECTORY_FILE, "persistent.txt",
                    List.of(new CreateContext("DH2Q", dh2q.toByteArray()))))))).fileId();
            RawSmbClient.expectOk(alice.send(true, lock(alice, persistent)));
            resilient = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(alice.create(new CreateRequest(0, 2,
                    ALL_ACCESS, 0, SHARE_ALL, OVERWRITE_IF, CreateRequest.FILE_NON_DIRECTORY_FILE, "resilient.txt",
                    List.of()))))).fileId();
            WireWriter fileId = new WireWriter(16);
            resilient.encode(fileId);
            RawSmbClient.expectOk(alice.send(true, alice.request(Command.IOCTL, new IoctlRequest(
                    FsctlCode.LMR_REQUEST_RESILIENCY.code(), fileId.toByteArray(), new WireWriter(8).u32(30_000).u32(0)
                            .toByteArray(), 0, new byte[0], 0, IoctlRequest.IS_FSCTL)::encodeBody)));
            RawSmbClient.expectOk(alice.send(true, lock(alice, resilient)));
            leased = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(alice.create(new CreateRequest(
                    CreateResponse.OPLOCK_LEVEL_LEASE, 2, ALL_ACCESS, 0, SHARE_ALL, OVERWRITE_IF,
                    CreateRequest.FILE_NON_DIRECTORY_FILE, "resilient-leased.txt", List.of(readLease())))))).fileId();
            WireWriter leasedId = new WireWriter(16);
            leased.encode(leasedId);
            RawSmbClient.expectOk(alice.send(true, alice.request(Command.IOCTL, new IoctlRequest(
                    FsctlCode.LMR_REQUEST_RESILIENCY.code(), leasedId.toByteArray(), new WireWriter(8).u32(30_000).u32(0)
                            .toByteArray(), 0, new byte[0], 0, IoctlRequest.IS_FSCTL)::encodeBody)));
            proxy.cut();
        }
        try (RawSmbClient other = new RawSmbClient("127.0.0.1", server.port()).logon("alice", "pass", "data")) {
            for (String name : List.of("persistent.txt", "resilient.txt")) {
                Smb2FileId id = CreateResponse.decode(new WireReader(RawSmbClient.expectOk(other.create(new CreateRequest(
                        0, 2, ALL_ACCESS, 0, SHARE_ALL, 1, 0, name, List.of()))))).fileId();
                assertEquals(NtStatus.LOCK_NOT_GRANTED, RawSmbClient.status(other.send(true, lock(other, id))),
                        name + ": the preserved open's lock holds");
            }
        }
        try (RawSmbClient alice = new RawSmbClient("127.0.0.1", server.port()).logon(Dialect.SMB_3_0_2, guid, "alice",
                "pass", "ca")) {
            WireWriter dh2c = new WireWriter(36);
            persistent.encode(dh2c);
            dh2c.u64(createGuid.getMostSignificantBits()).u64(createGuid.getLeastSignificantBits()).u32(2);
            NtStatus s = NtStatus.OBJECT_NAME_NOT_FOUND;
            for (int i = 0; i < ATTEMPTS && s.equals(NtStatus.OBJECT_NAME_NOT_FOUND); i++) {
                s = RawSmbClient.status(alice.create(new CreateRequest(0, 2, 0, 0, 0, 1, 0, "persistent.txt",
                        List.of(new CreateContext("DH2C", dh2c.toByteArray())))));
            }
            assertEquals(NtStatus.SUCCESS, s, "the persistent open comes back");
            WireWriter dhnc = new WireWriter(16);
            resilient.encode(dhnc);
            assertEquals(NtStatus.SUCCESS, RawSmbClient.status(alice.create(new CreateRequest(0, 2, 0, 0, 0, 1, 0,
                    "resilient.txt", List.of(new CreateContext("DHnC", dhnc.toByteArray()))))), "the resilient open comes back");
            WireWriter leasedReconnect = new WireWriter(16);
            leased.encode(leasedReconnect);
            assertEquals(NtStatus.SUCCESS, RawSmbClient.status(alice.create(new CreateRequest(
                    CreateResponse.OPLOCK_LEVEL_LEASE, 2, 0, 0, 0, 1, 0, "resilient-leased.txt", List.of(
                            new CreateContext("DHnC", leasedReconnect.toByteArray()), readLease())))),
                    "the resilient open with a lease comes back");
        }
    }

    /** RqLs v1 ([MS-SMB2] 2.2.13.2.8): lease key 0x2a.., READ caching. */
    private static CreateContext readLease() {
        byte[] key = new byte[16];
        java.util.Arrays.fill(key, (byte) 0x2a);
        return new CreateContext("RqLs", new WireWriter(32).bytes(key).u32(1).u32(0).u64(0).toByteArray());
    }

    private static byte[] lock(RawSmbClient c, Smb2FileId id) {
        return c.request(Command.LOCK, new LockRequest(0, id, List.of(new LockRequest.Element(0, 10,
                LockRequest.EXCLUSIVE_LOCK | LockRequest.FAIL_IMMEDIATELY)))::encodeBody);
    }

    private static CreateRequest reconnectRequest(Smb2FileId id) {
        WireWriter w = new WireWriter(16);
        id.encode(w);
        return new CreateRequest(0, 2, 0, 0, 0, 1, 0, "durable.txt", List.of(new CreateContext("DHnC", w.toByteArray())));
    }

    /**
     * A reconnect's status once the server has seen the cut: until then the open is still
     * connected, and a reconnect finds no preserved open (OBJECT_NAME_NOT_FOUND).
     */
    private static NtStatus reconnect(RawSmbClient c, Smb2FileId id) throws Exception {
        NtStatus s = NtStatus.OBJECT_NAME_NOT_FOUND;
        for (int i = 0; i < ATTEMPTS && s.equals(NtStatus.OBJECT_NAME_NOT_FOUND); i++) {
            s = RawSmbClient.status(c.create(reconnectRequest(id)));
        }
        return s;
    }

    /** A TCP proxy for one connection whose {@link #cut()} drops both sides at once, as a failed network does. */
    private static final class CuttingProxy implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0);
        private final List<Socket> sockets = new ArrayList<>();
        private final Thread acceptor;

        CuttingProxy(int target) throws IOException {
            acceptor = Thread.ofVirtual().start(() -> {
                try {
                    Socket client = listener.accept();
                    Socket upstream = new Socket("127.0.0.1", target);
                    synchronized (sockets) {
                        sockets.add(client);
                        sockets.add(upstream);
                    }
                    pump(client, upstream);
                    pump(upstream, client);
                } catch (IOException e) {
                    // cut or closed
                }
            });
        }

        int port() {
            return listener.getLocalPort();
        }

        private static void pump(Socket from, Socket to) {
            Thread.ofVirtual().start(() -> {
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    // the cut closed one side
                }
            });
        }

        void cut() throws IOException {
            synchronized (sockets) {
                for (Socket s : sockets) {
                    s.close();
                }
            }
        }

        @Override
        public void close() throws IOException {
            cut();
            listener.close();
            try {
                acceptor.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
