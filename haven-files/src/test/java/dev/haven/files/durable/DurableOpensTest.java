package dev.haven.files.durable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.AccessMask;
import dev.haven.files.ClientGuid;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.LeaseKey;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Preserved opens: reclaim by their owner only, timeouts on an injected clock, and conflicts that end them. */
class DurableOpensTest {
    private static final AccessMask ALL = AccessMask.of(AccessMask.FILE_ALL_ACCESS);
    private static final Sid OWNER = Sid.parse("S-1-5-21-1-2-3-1000");
    private static final Sid OTHER = Sid.parse("S-1-5-21-1-2-3-1001");
    private static final ClientGuid CLIENT = new ClientGuid(new UUID(1, 2));
    private static final long ID = 0x1234;

    private record Handle(Open open) implements DurableHandle {}

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-22T12:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final FileService service = new FileService(new ShareModeTable(), new ByteRangeLocks(), clock, scheduler);
    private HavenFs fs;
    private Share share;

    @BeforeEach
    void format() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16384), new FormatOptions(true, Clock.systemUTC()));
        share = Share.of("data", fs, false);
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    private Open open(CreateDisposition d, ShareAccess sa, CachingRequest caching) {
        return service.open(share, SharePath.parse("f", '/'), d, OpenOptions.NONE, ALL, sa, new Principal("u"), caching)
                .open();
    }

    private Handle preserveBatchOpen(Duration timeout, UUID createGuid) {
        Handle h = new Handle(open(CreateDisposition.OPEN_IF, ShareAccess.NONE, new CachingRequest.Oplock(OplockLevel.BATCH)));
        service.durable().preserve(ID, new PreservedOpen(h, OWNER, CLIENT, null, createGuid, timeout));
        return h;
    }

    private static Reclaim by(Sid user) {
        return new Reclaim(user, new ClientGuid(new UUID(9, 9)), null, null);
    }

    @Test
    void theOwnerGetsTheSameOpenBackWithItsLocks() {
        Handle h = preserveBatchOpen(Duration.ofMinutes(16), null);
        service.lock(h.open(), List.of(new LockRequest(0, 10, true)));
        assertEquals(1, service.durable().size());
        assertSame(h, service.durable().reclaim(ID, by(OWNER)), "an oplock open may come back from another client");
        assertEquals(0, service.durable().size());
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> service.durable().reclaim(ID, by(OWNER))).error(), "reclaimed once");
        scheduler.advance(Duration.ofHours(1));
        service.unlock(h.open(), 0, 10); // still open, lock still held: the timeout did not close it
    }

    @Test
    void anotherUserIsRefusedAndTheOwnerCanStillReclaim() {
        Handle h = preserveBatchOpen(Duration.ofMinutes(16), null);
        assertEquals(FileServiceError.ACCESS_DENIED, assertThrows(FileServiceException.class,
                () -> service.durable().reclaim(ID, by(OTHER))).error());
        assertSame(h, service.durable().reclaim(ID, by(OWNER)));
    }

    @Test
    void theTimeoutClosesTheOpenAndReleasesItsShareMode() {
        preserveBatchOpen(Duration.ofSeconds(60), null);
        scheduler.advance(Duration.ofSeconds(59));
        assertEquals(1, service.durable().size(), "not before its timeout");
        scheduler.advance(Duration.ofSeconds(1));
        assertEquals(0, service.durable().size());
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> service.durable().reclaim(ID, by(OWNER))).error());
        open(CreateDisposition.OPEN, ShareAccess.NONE, CachingRequest.NONE); // no sharing violation any more
    }

    @Test
    void aConflictingOpenBreaksThePreservedOpenWhichClosesSoTheOpenProceeds() {
        preserveBatchOpen(Duration.ofMinutes(16), null);
        BreakWait wait = service.breaksBeforeOpen(share, SharePath.parse("f", '/'), CreateDisposition.OPEN, ALL,
                ShareAccess.ALL, CachingRequest.NONE.requester());
        assertFalse(wait.isDone(), "the batch oplock must be broken first");
        scheduler.advance(Duration.ZERO); // the preserved open cannot acknowledge: it is closed
        assertTrue(wait.isDone());
        open(CreateDisposition.OPEN, ShareAccess.ALL, CachingRequest.NONE);
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> service.durable().reclaim(ID, by(OWNER))).error(), "the file may have changed: no reclaim");
    }

    @Test
    void aV2ReclaimMustNameTheCreateGuidAndAV1OpenAnswersTheZeroGuid() {
        UUID guid = new UUID(5, 6);
        Handle h = preserveBatchOpen(Duration.ofSeconds(300), guid);
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> service.durable().reclaim(ID, new Reclaim(OWNER, CLIENT, null, new UUID(0, 0)))).error());
        assertSame(h, service.durable().reclaim(ID, new Reclaim(OWNER, CLIENT, null, guid)));
        service.close(h.open());
        Handle v1 = preserveBatchOpen(Duration.ofMinutes(16), null);
        assertSame(v1, service.durable().reclaim(ID, new Reclaim(OWNER, CLIENT, null, new UUID(0, 0))));
    }

    @Test
    void aLeaseOpenComesBackOnlyToItsClientNamingItsKey() {
        Handle h = new Handle(open(CreateDisposition.CREATE, ShareAccess.ALL, CachingRequest.NONE));
        LeaseKey key = new LeaseKey(7, 8);
        service.durable().preserve(ID, new PreservedOpen(h, OWNER, CLIENT, key, null, Duration.ofMinutes(1)));
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> service.durable().reclaim(ID, new Reclaim(OWNER, CLIENT, null, null))).error(), "no lease named");
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> service.durable().reclaim(ID, new Reclaim(OWNER, new ClientGuid(new UUID(3, 3)), key, null))).error(),
                "another client");
        assertSame(h, service.durable().reclaim(ID, new Reclaim(OWNER, CLIENT, key, null)));
    }
}
