package dev.haven.files.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import dev.haven.block.ForwardingBlockDevice;
import dev.haven.files.AccessMask;
import dev.haven.files.ClientGuid;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.lease.BreakWait;
import dev.haven.files.lease.CachingRequest;
import dev.haven.files.lease.ManualScheduler;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.lock.ByteRangeLocks;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.security.Sid;
import dev.haven.files.service.CreateDisposition;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import dev.haven.files.service.OpenOptions;
import dev.haven.files.service.Principal;
import dev.haven.files.service.Share;
import dev.haven.files.service.SharePath;
import dev.haven.files.share.ShareModeTable;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.ManualClock;
import dev.haven.testkit.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Persistent opens in the file service: their records follow every change (locks, rename, close)
 * before the call returns, a new service re-establishes them from the store under their old
 * identity with share mode, locks and caching, and a store that fails refuses the change.
 */
class PersistentOpensTest {
    private static final AccessMask ALL = AccessMask.of(AccessMask.FILE_ALL_ACCESS);
    private static final Sid OWNER = Sid.parse("S-1-5-21-1-2-3-1000");
    private static final ClientGuid CLIENT = new ClientGuid(new UUID(1, 2));
    private static final long ID = 0x77;
    private static final PersistedOpen.Owner WHO = new PersistedOpen.Owner(OWNER, CLIENT, null, new UUID(3, 4),
            Duration.ofSeconds(60));
    private static final SharePath F = SharePath.parse("f", '/');

    private record Handle(Open open) implements DurableHandle {}

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final MemoryBlockDevice fsDevice = new MemoryBlockDevice("fs", 4096, 16384);
    private final MemoryBlockDevice storeDevice = new MemoryBlockDevice("opens", 4096, 64);
    /** When set, every write to the store's device fails (a full or failed disk). */
    private final AtomicBoolean storeFails = new AtomicBoolean();
    private HavenFs fs;
    private Share share;
    private FileService service;
    private ManualScheduler scheduler;

    @BeforeEach
    void start() throws Exception {
        fs = HavenFs.format(fsDevice, new FormatOptions(true, Clock.systemUTC()));
        share = Share.of("data", fs, false);
        service = service();
    }

    @AfterEach
    void stop() throws Exception {
        fs.close();
    }

    private FileService service() throws IOException {
        BlockDevice failing = new ForwardingBlockDevice(storeDevice) {
            @Override
            public void write(long block, ByteBuffer src) throws IOException {
                if (storeFails.get()) {
                    throw new IOException("no space left on device");
                }
                super.write(block, src);
            }
        };
        scheduler = new ManualScheduler(clock);
        return new FileService(new ShareModeTable(), new ByteRangeLocks(), clock, scheduler, OpenStore.open(failing));
    }

    private Open open(FileService s, CreateDisposition d, ShareAccess sa, CachingRequest caching) {
        return s.open(share, F, d, OpenOptions.NONE, ALL, sa, new Principal("u"), caching).open();
    }

    private List<PersistedOpen> stored() throws IOException {
        return OpenStore.open(storeDevice).recovered();
    }

    /** Unmounts and mounts the file system again, and starts a new service over the same store: a restart. */
    private FileService restart() throws Exception {
        service.persistent().detach();
        fs.close();
        fs = HavenFs.mount(fsDevice);
        share = Share.of("data", fs, false);
        service = service();
        return service;
    }

    @Test
    void theRecordFollowsLocksRenameAndClose() throws Exception {
        Open o = open(service, CreateDisposition.CREATE, ShareAccess.ALL, CachingRequest.NONE);
        service.persistent().persist(o, ID, WHO, "test", new byte[] {9});
        assertTrue(service.persistent().isPersistent(o));
        assertEquals(List.of(), stored().get(0).locks());
        service.lock(o, List.of(new LockRequest(0, 10, true)));
        assertEquals(List.of(new LockRequest(0, 10, true)), stored().get(0).locks());
        service.rename(o, SharePath.parse("g", '/'), false);
        assertEquals(SharePath.parse("g", '/'), stored().get(0).path());
        service.unlock(o, 0, 10);
        assertEquals(List.of(), stored().get(0).locks());
        service.close(o);
        assertEquals(List.of(), stored());
    }

    @Test
    void aRestartReestablishesTheOpenWithItsShareModeLocksAndOplock() throws Exception {
        Open o = open(service, CreateDisposition.CREATE, ShareAccess.of(ShareAccess.FILE_SHARE_READ), new CachingRequest.Oplock(OplockLevel.BATCH));
        service.write(o, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), true);
        service.lock(o, List.of(new LockRequest(0, 2, true)));
        service.persistent().persist(o, ID, WHO, "test", new byte[0]);
        FileService after = restart();
        assertEquals(1, after.persistent().restore(Map.of("data", share)::get, Map.of("test", (open, rec) -> new Handle(open))));
        assertEquals(1, after.durable().size(), "preserved for its owner");
        Open back = after.durable().find(ID).handle().open();
        assertEquals(o.id(), back.id(), "the same open identity");
        assertEquals(OplockLevel.BATCH, after.leases().oplockOf(back.id()));
        // Another client: the share mode (READ only) refuses a writer, the lock refuses a reader of the range.
        assertEquals(FileServiceError.SHARING_VIOLATION, assertThrows(FileServiceException.class,
                () -> after.open(share, F, CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.of(AccessMask.FILE_WRITE_DATA),
                        ShareAccess.ALL, new Principal("v"))).error());
        DurableHandle h = after.durable().reclaim(ID, new Reclaim(OWNER, CLIENT, null, new UUID(3, 4)));
        assertSame(back, h.open());
        assertEquals(FileServiceError.LOCK_NOT_GRANTED, assertThrows(FileServiceException.class,
                () -> after.lock(h.open(), List.of(new LockRequest(1, 1, true)))).error(), "its lock is held again");
        after.close(back);
        assertEquals(List.of(), stored());
    }

    @Test
    void aBreakOfAPreservedPersistentOpenIsAcknowledgedForItAndTheOpenStays() throws Exception {
        Open o = open(service, CreateDisposition.CREATE, ShareAccess.ALL, new CachingRequest.Oplock(OplockLevel.BATCH));
        service.persistent().persist(o, ID, WHO, "test", new byte[0]);
        FileService after = restart();
        after.persistent().restore(Map.of("data", share)::get, Map.of("test", (open, rec) -> new Handle(open)));
        BreakWait wait = after.breaksBeforeOpen(share, F, CreateDisposition.OPEN, ALL, ShareAccess.ALL,
                CachingRequest.NONE.requester());
        assertFalse(wait.isDone(), "the batch oplock is broken first");
        scheduler.advance(Duration.ZERO); // no owner to answer: the break is acknowledged on its behalf
        assertTrue(wait.isDone());
        assertEquals(OplockLevel.LEVEL_II, after.leases().oplockOf(o.id()), "down to what the break asked");
        assertEquals(1, after.durable().size(), "the persistent open is still preserved");
    }

    @Test
    void aRecordWhoseFileIsGoneIsDroppedAndTheOthersComeBack() throws Exception {
        Open gone = open(service, CreateDisposition.CREATE, ShareAccess.ALL, CachingRequest.NONE);
        service.persistent().persist(gone, ID, WHO, "test", new byte[0]);
        Open kept = service.open(share, SharePath.parse("k", '/'), CreateDisposition.CREATE, OpenOptions.NONE, ALL,
                ShareAccess.ALL, new Principal("u")).open();
        service.persistent().persist(kept, ID + 1, WHO, "test", new byte[0]);
        service.persistent().detach();
        fs.unlink(fs.resolve("/").id(), "f"); // behind the service's back, as damage would
        FileService after = restart();
        assertEquals(1, after.persistent().restore(Map.of("data", share)::get, Map.of("test", (open, rec) -> new Handle(open))));
        assertEquals(kept.id(), after.durable().find(ID + 1).handle().open().id());
        assertEquals(1, stored().size(), "the dropped record is gone from the store");
    }

    @Test
    void aFailingStoreRefusesThePersistenceAndTheLockAndKeepsThePreviousState() throws Exception {
        Open o = open(service, CreateDisposition.CREATE, ShareAccess.ALL, CachingRequest.NONE);
        service.persistent().persist(o, ID, WHO, "test", new byte[0]);
        storeFails.set(true);
        assertEquals(FileServiceError.INSUFFICIENT_RESOURCES, assertThrows(FileServiceException.class,
                () -> service.lock(o, List.of(new LockRequest(0, 10, true)))).error());
        Open other = open(service, CreateDisposition.OPEN, ShareAccess.ALL, CachingRequest.NONE);
        service.lock(other, List.of(new LockRequest(0, 10, true))); // the refused lock was released again
        assertEquals(FileServiceError.INSUFFICIENT_RESOURCES, assertThrows(FileServiceException.class,
                () -> service.persistent().persist(other, ID + 1, WHO, "test", new byte[0])).error());
        storeFails.set(false);
        assertEquals(List.of(o.id()), stored().stream().map(PersistedOpen::openId).toList());
        assertEquals(List.of(), stored().get(0).locks());
    }
}
