package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.AccessMask;
import dev.haven.files.ClientGuid;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.LeaseKey;
import dev.haven.files.ShareAccess;
import dev.haven.files.lease.BreakNotification;
import dev.haven.files.lease.BreakWait;
import dev.haven.files.lease.CachingRequest;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The oplock side of opens through the file service, as smbtorture's smb2.oplock tests showed it. */
class CachingOpensTest {
    private static final AccessMask ALL = AccessMask.of(AccessMask.FILE_ALL_ACCESS);
    private static final AccessMask STAT = AccessMask.of(AccessMask.FILE_READ_ATTRIBUTES | AccessMask.SYNCHRONIZE);
    private static final Principal USER = new Principal("user");
    private static final CachingRequest BATCH = new CachingRequest.Oplock(OplockLevel.BATCH);

    private HavenFs fs;
    private Share share;
    private final FileService service = new FileService();
    private final List<BreakNotification> breaks = new ArrayList<>();

    @BeforeEach
    void format() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16384), new FormatOptions(true, java.time.Clock.systemUTC()));
        share = Share.of("data", fs, false);
        service.leases().subscribe(breaks::add);
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    private OpenResult open(CreateDisposition d, AccessMask access, ShareAccess sa, CachingRequest caching) {
        return service.open(share, SharePath.parse("f", '/'), d, OpenOptions.NONE, access, sa, USER, caching);
    }

    private BreakWait breaksBefore(CreateDisposition d, AccessMask access, ShareAccess sa) {
        return service.breaksBeforeOpen(share, SharePath.parse("f", '/'), d, access, sa, CachingRequest.NONE.requester());
    }

    @Test
    void aSharingViolationBreaksBatchToLevelIIFirstAndFailsAfterTheAcknowledgment() {
        Open holder = open(CreateDisposition.CREATE, ALL, ShareAccess.NONE, BATCH).open();
        BreakWait wait = breaksBefore(CreateDisposition.OPEN, ALL, ShareAccess.ALL);
        assertFalse(wait.isDone(), "[MS-FSA] 2.1.5.1.2: the break comes before the sharing check");
        assertEquals(OplockLevel.LEVEL_II, ((BreakNotification.OplockBreak) breaks.get(0)).to());
        service.leases().acknowledgeOplock(holder.id(), OplockLevel.LEVEL_II);
        assertTrue(wait.isDone());
        assertTrue(breaksBefore(CreateDisposition.OPEN, ALL, ShareAccess.ALL).isDone(), "nothing more to break");
        assertEquals(FileServiceError.SHARING_VIOLATION, assertThrows(FileServiceException.class,
                () -> open(CreateDisposition.OPEN, ALL, ShareAccess.ALL, CachingRequest.NONE)).error());
    }

    @Test
    void aStatOpenBreaksNothingUnlessItOverwrites() {
        open(CreateDisposition.CREATE, ALL, ShareAccess.ALL, BATCH);
        assertTrue(breaksBefore(CreateDisposition.OPEN, STAT, ShareAccess.ALL).isDone());
        assertEquals(List.of(), breaks);
        assertFalse(breaksBefore(CreateDisposition.OVERWRITE_IF, STAT, ShareAccess.ALL).isDone());
        assertEquals(OplockLevel.NONE, ((BreakNotification.OplockBreak) breaks.get(0)).to());
    }

    @Test
    void aStatOpenDoesNotStopABatchGrantAndItsCloseIsClean() {
        Open stat = open(CreateDisposition.CREATE, STAT, ShareAccess.ALL, CachingRequest.NONE).open();
        assertEquals(OplockLevel.BATCH, open(CreateDisposition.OPEN, ALL, ShareAccess.ALL, BATCH).oplock());
        service.close(stat);
        assertEquals(1, service.openCount());
    }

    @Test
    void aWriteThroughAnotherOpenBreaksLevelIIToNoneWithoutAnAcknowledgment() {
        Open writer = open(CreateDisposition.CREATE, ALL, ShareAccess.ALL, CachingRequest.NONE).open();
        Open reader = open(CreateDisposition.OPEN, ALL, ShareAccess.ALL, BATCH).open();
        assertEquals(OplockLevel.LEVEL_II, service.leases().oplockOf(reader.id()));
        service.write(writer, 0, java.nio.ByteBuffer.wrap(new byte[] {1}), false);
        BreakNotification.OplockBreak b = (BreakNotification.OplockBreak) breaks.get(0);
        assertEquals(OplockLevel.NONE, b.to());
        assertFalse(b.ackRequired());
        assertEquals(OplockLevel.NONE, service.leases().oplockOf(reader.id()));
    }

    @Test
    void aReadControlOpenKeepsALeaseButBreaksABatchOplock() {
        AccessMask readControl = AccessMask.of(AccessMask.READ_CONTROL | AccessMask.SYNCHRONIZE);
        CachingRequest rwh = new CachingRequest.Lease(new ClientGuid(new UUID(1, 1)),
                new LeaseKey(1, 2), LeaseState.RWH,
                LeaseKey.ZERO, 0, false);
        Open leased = open(CreateDisposition.CREATE, ALL, ShareAccess.ALL, rwh).open();
        assertTrue(breaksBefore(CreateDisposition.OPEN, readControl, ShareAccess.ALL).isDone(),
                "a stat open for leases (smb2.lease.statopen4)");
        assertEquals(List.of(), breaks);
        service.close(leased);
        open(CreateDisposition.OPEN, ALL, ShareAccess.ALL, BATCH);
        assertFalse(breaksBefore(CreateDisposition.OPEN, readControl, ShareAccess.ALL).isDone(),
                "not a stat open for oplocks");
        assertEquals(OplockLevel.LEVEL_II, ((BreakNotification.OplockBreak) breaks.get(0)).to());
    }

    /**
     * A rename breaks the handle caching of other leases first and goes ahead only once they
     * acknowledged (smb2.lease.rename_wait); its own lease is not broken.
     */
    @Test
    void aRenameWaitsForOtherLeasesToGiveUpHandleCaching() {
        ClientGuid client = new ClientGuid(new UUID(1, 1));
        Open renamer = open(CreateDisposition.CREATE, ALL, ShareAccess.ALL,
                new CachingRequest.Lease(client, new LeaseKey(1, 1), LeaseState.RH, LeaseKey.ZERO, 0, false)).open();
        open(CreateDisposition.OPEN, AccessMask.of(AccessMask.FILE_READ_DATA | AccessMask.SYNCHRONIZE), ShareAccess.ALL,
                new CachingRequest.Lease(client, new LeaseKey(2, 2), LeaseState.RH, LeaseKey.ZERO, 0, false));
        BreakWait wait = service.breaksBeforeRename(renamer);
        assertFalse(wait.isDone());
        BreakNotification.LeaseBreak b = (BreakNotification.LeaseBreak) breaks.get(0);
        assertEquals(new LeaseKey(2, 2), b.leaseKey());
        assertEquals(LeaseState.R, b.to());
        service.leases().acknowledgeLease(client, new LeaseKey(2, 2), LeaseState.R);
        assertTrue(wait.isDone());
        assertTrue(service.breaksBeforeRename(renamer).isDone(), "nothing more to break");
        service.rename(renamer, SharePath.parse("g", '/'), false);
        assertEquals(1, breaks.size());
    }
}
