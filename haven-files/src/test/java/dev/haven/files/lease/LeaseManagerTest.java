package dev.haven.files.lease;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.ClientGuid;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.LeaseKey;
import dev.haven.files.OpenId;
import dev.haven.files.OwnerId;
import dev.haven.files.lock.ByteRangeLocks;
import dev.haven.files.lease.BreakNotification.LeaseBreak;
import dev.haven.files.lease.BreakNotification.OplockBreak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import dev.haven.testkit.ManualClock;

class LeaseManagerTest {
    private static final FileKey FILE = new FileKey(1, 100);
    private static final FileKey OTHER_FILE = new FileKey(1, 101);
    private static final ClientGuid CLIENT_A = new ClientGuid(new UUID(1, 1));
    private static final ClientGuid CLIENT_B = new ClientGuid(new UUID(2, 2));
    private static final LeaseKey KEY_1 = new LeaseKey(11, 11);
    private static final LeaseKey KEY_2 = new LeaseKey(22, 22);

    private final ManualClock clock = new ManualClock();
    private final ManualScheduler scheduler = new ManualScheduler(clock);
    private final List<BreakNotification> breaks = new ArrayList<>();
    private final LeaseManager leases = new LeaseManager(clock, scheduler, breaks::add, LeaseManager.DEFAULT_BREAK_TIMEOUT);

    private static void assertError(FileServiceError expected, Executable call) {
        assertEquals(expected, assertThrows(FileServiceException.class, call).error());
    }

    private OpenId oplockOpen(OplockLevel requested, OplockLevel expected) {
        OpenId open = OpenId.random();
        BreakWait w = leases.breakFor(FILE, OplockKey.of(open), BreakCause.OPEN);
        assertTrue(w.isDone(), "test helper expects no wait");
        assertEquals(expected, leases.openWithOplock(FILE, open, requested));
        return open;
    }

    private LeaseGrant leaseOpen(OpenId open, ClientGuid client, LeaseKey key, LeaseState requested) {
        return leases.openWithLease(FILE, open, client, key, requested, LeaseKey.ZERO, 0);
    }

    // ---- oplocks ----

    @Test
    void grantsBatchToTheOnlyOpen() {
        oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
    }

    @Test
    void grantsLevelIIInsteadOfExclusiveWhenAnotherOpenExists() {
        oplockOpen(OplockLevel.NONE, OplockLevel.NONE);
        oplockOpen(OplockLevel.EXCLUSIVE, OplockLevel.LEVEL_II);
        oplockOpen(OplockLevel.LEVEL_II, OplockLevel.LEVEL_II);
    }

    @Test
    void secondOpenBreaksBatchToLevelIIAndWaitsForTheAck() {
        OpenId first = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        OpenId second = OpenId.random();
        BreakWait wait = leases.breakFor(FILE, OplockKey.of(second), BreakCause.OPEN);
        assertFalse(wait.isDone());
        assertEquals(List.of(new OplockBreak(FILE, first, OplockLevel.BATCH, OplockLevel.LEVEL_II, true)), breaks);

        leases.acknowledgeOplock(first, OplockLevel.LEVEL_II);
        assertTrue(wait.isDone());
        assertEquals(OplockLevel.LEVEL_II, leases.oplockOf(first));
        assertEquals(OplockLevel.LEVEL_II, leases.openWithOplock(FILE, second, OplockLevel.BATCH));
    }

    @Test
    void acknowledgingToNoneDropsTheOplock() {
        OpenId first = oplockOpen(OplockLevel.EXCLUSIVE, OplockLevel.EXCLUSIVE);
        BreakWait wait = leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN);
        leases.acknowledgeOplock(first, OplockLevel.NONE);
        assertTrue(wait.isDone());
        assertEquals(OplockLevel.NONE, leases.oplockOf(first));
    }

    @Test
    void rejectsAnOplockAckAboveTheLevelBrokenTo() {
        OpenId first = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN_OVERWRITE);
        assertEquals(OplockLevel.NONE, ((OplockBreak) breaks.get(0)).to());
        assertError(FileServiceError.INVALID_OPLOCK_PROTOCOL, () -> leases.acknowledgeOplock(first, OplockLevel.LEVEL_II));
        assertError(FileServiceError.INVALID_OPLOCK_PROTOCOL, () -> leases.acknowledgeOplock(first, OplockLevel.BATCH));
    }

    @Test
    void rejectsAnOplockAckWithoutABreak() {
        OpenId first = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        assertError(FileServiceError.OPLOCK_NOT_BREAKING, () -> leases.acknowledgeOplock(first, OplockLevel.NONE));
    }

    @Test
    void unacknowledgedBreakTimesOutToNoneAfter35Seconds() {
        OpenId first = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        BreakWait wait = leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN);
        scheduler.advance(Duration.ofSeconds(34));
        assertFalse(wait.isDone());
        scheduler.advance(Duration.ofSeconds(1));
        assertTrue(wait.isDone());
        assertEquals(OplockLevel.NONE, leases.oplockOf(first));
        assertError(FileServiceError.OPLOCK_NOT_BREAKING, () -> leases.acknowledgeOplock(first, OplockLevel.NONE));
    }

    @Test
    void ackCancelsTheTimeout() {
        OpenId first = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN);
        assertEquals(1, scheduler.pending());
        leases.acknowledgeOplock(first, OplockLevel.LEVEL_II);
        assertEquals(0, scheduler.pending());
        scheduler.advance(Duration.ofMinutes(5));
        assertEquals(OplockLevel.LEVEL_II, leases.oplockOf(first));
    }

    @Test
    void levelIIIsNotBrokenByAPlainOpen() {
        oplockOpen(OplockLevel.LEVEL_II, OplockLevel.LEVEL_II);
        oplockOpen(OplockLevel.LEVEL_II, OplockLevel.LEVEL_II);
        assertTrue(breaks.isEmpty());
    }

    @Test
    void overwriteBreaksLevelIIToNoneWithoutAck() {
        OpenId first = oplockOpen(OplockLevel.LEVEL_II, OplockLevel.LEVEL_II);
        BreakWait wait = leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN_OVERWRITE);
        assertTrue(wait.isDone());
        assertEquals(List.of(new OplockBreak(FILE, first, OplockLevel.LEVEL_II, OplockLevel.NONE, false)), breaks);
        assertEquals(OplockLevel.NONE, leases.oplockOf(first));
    }

    @Test
    void writeOfAnotherOpenBreaksEveryLevelIIWithoutWaiting() {
        OpenId a = oplockOpen(OplockLevel.LEVEL_II, OplockLevel.LEVEL_II);
        OpenId b = oplockOpen(OplockLevel.LEVEL_II, OplockLevel.LEVEL_II);
        OpenId writer = oplockOpen(OplockLevel.NONE, OplockLevel.NONE);
        assertTrue(leases.breakFor(FILE, writer, BreakCause.WRITE).isDone());
        assertEquals(2, breaks.size());
        assertEquals(OplockLevel.NONE, leases.oplockOf(a));
        assertEquals(OplockLevel.NONE, leases.oplockOf(b));
    }

    @Test
    void ownWriteDoesNotBreakOwnOplock() {
        OpenId a = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        assertTrue(leases.breakFor(FILE, a, BreakCause.WRITE).isDone());
        assertTrue(breaks.isEmpty());
        assertEquals(OplockLevel.BATCH, leases.oplockOf(a));
    }

    @Test
    void readOfAnotherOpenBreaksExclusiveToLevelIIAndWaits() {
        OpenId a = oplockOpen(OplockLevel.EXCLUSIVE, OplockLevel.EXCLUSIVE);
        OpenId reader = OpenId.random();
        leases.openWithOplock(FILE, reader, OplockLevel.NONE);
        BreakWait wait = leases.breakFor(FILE, reader, BreakCause.READ);
        assertFalse(wait.isDone());
        assertEquals(OplockLevel.LEVEL_II, ((OplockBreak) breaks.get(0)).to());
        leases.acknowledgeOplock(a, OplockLevel.LEVEL_II);
        assertTrue(wait.isDone());
    }

    @Test
    void closingTheBreakingOpenReleasesTheWaiter() {
        OpenId first = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        BreakWait wait = leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN);
        leases.close(first);
        assertTrue(wait.isDone());
        assertEquals(0, scheduler.pending());
        scheduler.advance(Duration.ofMinutes(1)); // a stale timeout would find nothing
    }

    @Test
    void unknownOpenIsFileClosed() {
        assertError(FileServiceError.FILE_CLOSED, () -> leases.close(OpenId.random()));
        assertError(FileServiceError.FILE_CLOSED, () -> leases.breakFor(FILE, OpenId.random(), BreakCause.WRITE));
    }

    // ---- leases ----

    @Test
    void grantsRwhToTheFirstLeaseOpen() {
        LeaseGrant g = leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        assertEquals(LeaseState.RWH, g.state());
        assertFalse(g.breakInProgress());
    }

    @Test
    void sameLeaseKeyOpensDoNotBreakEachOtherAndShareTheLease() {
        OpenId first = OpenId.random();
        leaseOpen(first, CLIENT_A, KEY_1, LeaseState.RWH);
        BreakWait w = leases.breakFor(FILE, OplockKey.of(CLIENT_A, KEY_1), BreakCause.OPEN);
        assertTrue(w.isDone());
        OpenId second = OpenId.random();
        assertEquals(LeaseState.RWH, leaseOpen(second, CLIENT_A, KEY_1, LeaseState.RWH).state());
        assertTrue(leases.breakFor(FILE, second, BreakCause.WRITE).isDone());
        assertTrue(breaks.isEmpty());
        leases.close(first);
        assertEquals(LeaseState.RWH, leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().state(), "the lease lives while an open does");
        leases.close(second);
        assertTrue(leases.leaseOf(CLIENT_A, KEY_1).isEmpty());
    }

    @Test
    void sameLeaseKeyFromAnotherClientIsAnotherLease() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        BreakWait w = leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_1), BreakCause.OPEN);
        assertFalse(w.isDone());
        assertEquals(1, breaks.size());
    }

    @Test
    void openWithAnotherLeaseKeyBreaksRwhToRhAndWaitsForTheAck() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        BreakWait w = leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.OPEN);
        assertFalse(w.isDone());
        LeaseBreak b = (LeaseBreak) breaks.get(0);
        assertEquals(LeaseState.RWH, b.from());
        assertEquals(LeaseState.RH, b.to());
        assertTrue(b.ackRequired());
        assertTrue(leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().breakInProgress());

        LeaseGrant after = leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.RH);
        assertEquals(LeaseState.RH, after.state());
        assertTrue(w.isDone());
        assertEquals(LeaseState.RH, leaseOpen(OpenId.random(), CLIENT_B, KEY_2, LeaseState.RWH).state(),
                "write caching is not granted beside another lease's open");
    }

    /**
     * smb2.lease.breaking3: an overwrite that arrives during a break waits; after the ack the
     * lease gives up handle caching in a break of its own (RH to R, acknowledged) and then read
     * caching (R to none, no ack), and only then do the waiting opens go on.
     */
    @Test
    void aBreakToNoneAfterAnAckGoesThroughReadCachingFirst() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        BreakWait open = leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN);
        BreakWait overwrite = leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN_OVERWRITE);
        assertEquals(1, breaks.size(), "no second break while the first is in progress");

        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.RH);
        LeaseBreak toRead = (LeaseBreak) breaks.get(1);
        assertEquals(LeaseState.RH, toRead.from());
        assertEquals(LeaseState.R, toRead.to());
        assertTrue(toRead.ackRequired());
        assertFalse(overwrite.isDone(), "the overwrite needs the lease at none");
        BreakWait reopened = leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN);
        assertFalse(reopened.isDone(), "a plain open waits for the handle break in progress");

        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.R);
        LeaseBreak toNone = (LeaseBreak) breaks.get(2);
        assertEquals(LeaseState.R, toNone.from());
        assertEquals(LeaseState.NONE, toNone.to());
        assertFalse(toNone.ackRequired());
        assertTrue(open.isDone());
        assertTrue(overwrite.isDone());
        assertTrue(reopened.isDone());
    }

    /** smb2.lease.breaking4: an overwrite breaks an RH lease to none and does not wait for the ack. */
    @Test
    void anOverwriteBreaksAReadHandleLeaseWithoutWaiting() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH);
        assertTrue(leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN_OVERWRITE).isDone());
        LeaseBreak b = (LeaseBreak) breaks.get(0);
        assertEquals(LeaseState.NONE, b.to());
        assertTrue(b.ackRequired());
        assertTrue(leases.breakFor(FILE, OplockKey.of(OpenId.random()), BreakCause.OPEN_OVERWRITE).isDone(),
                "nor does a second one while the break is in progress");
        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.NONE);
    }

    @Test
    void readHandleLeasesCoexistWithoutBreaks() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH);
        assertTrue(leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.OPEN).isDone());
        assertEquals(LeaseState.RH, leaseOpen(OpenId.random(), CLIENT_B, KEY_2, LeaseState.RH).state());
        assertTrue(breaks.isEmpty());
    }

    @Test
    void sharingViolationBreaksHandleCachingAndWaits() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH);
        BreakWait w = leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.HANDLE_CONFLICT);
        assertFalse(w.isDone());
        LeaseBreak b = (LeaseBreak) breaks.get(0);
        assertEquals(LeaseState.R, b.to());
        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.R);
        assertTrue(w.isDone());
    }

    @Test
    void writeBreaksReadHandleLeaseToNoneWithAckButDoesNotWait() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH);
        OpenId writer = OpenId.random();
        leaseOpen(writer, CLIENT_B, KEY_2, LeaseState.NONE);
        BreakWait w = leases.breakFor(FILE, writer, BreakCause.WRITE);
        assertTrue(w.isDone());
        LeaseBreak b = (LeaseBreak) breaks.get(0);
        assertEquals(LeaseState.NONE, b.to());
        assertTrue(b.ackRequired());
        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.NONE);
    }

    @Test
    void writeBreaksReadLeaseToNoneWithoutAck() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.R);
        OpenId writer = OpenId.random();
        leases.openWithOplock(FILE, writer, OplockLevel.NONE);
        assertTrue(leases.breakFor(FILE, writer, BreakCause.WRITE).isDone());
        LeaseBreak b = (LeaseBreak) breaks.get(0);
        assertFalse(b.ackRequired());
        assertEquals(LeaseState.NONE, leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().state());
        assertError(FileServiceError.LEASE_NOT_BREAKING, () -> leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.NONE));
    }

    @Test
    void writeBreaksRwLeaseAndWaitsForTheFlush() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RW);
        OpenId writer = OpenId.random();
        leases.openWithOplock(FILE, writer, OplockLevel.NONE);
        BreakWait w = leases.breakFor(FILE, writer, BreakCause.WRITE);
        assertFalse(w.isDone());
        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.NONE);
        assertTrue(w.isDone());
    }

    @Test
    void lockBreaksRwhLeaseToNoneWithoutWaitingButWaitsForABatchOplock() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        OpenId locker = OpenId.random();
        leases.openWithOplock(FILE, locker, OplockLevel.NONE);
        assertTrue(leases.breakFor(FILE, locker, BreakCause.LOCK).isDone());
        assertEquals(LeaseState.NONE, ((LeaseBreak) breaks.get(0)).to());
        assertTrue(breaks.get(0).ackRequired());

        FileKey other = OTHER_FILE;
        OpenId batch = OpenId.random();
        leases.openWithOplock(other, batch, OplockLevel.BATCH);
        OpenId locker2 = OpenId.random();
        leases.openWithOplock(other, locker2, OplockLevel.NONE);
        BreakWait w = leases.breakFor(other, locker2, BreakCause.LOCK);
        assertFalse(w.isDone());
        leases.acknowledgeOplock(batch, OplockLevel.NONE);
        assertTrue(w.isDone());
    }

    @Test
    void rejectsALeaseAckOutsideTheBreakToState() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.OPEN);
        assertError(FileServiceError.LEASE_STATE_NOT_ACCEPTED, () -> leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.RWH));
        assertError(FileServiceError.LEASE_NOT_FOUND, () -> leases.acknowledgeLease(CLIENT_B, KEY_1, LeaseState.NONE));
        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.R); // less than offered is fine
        assertEquals(LeaseState.R, leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().state());
    }

    @Test
    void rejectsALeaseKeyReusedForAnotherFile() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        assertError(FileServiceError.INVALID_PARAMETER, () -> leases.openWithLease(OTHER_FILE, OpenId.random(), CLIENT_A, KEY_1,
                LeaseState.R, LeaseKey.ZERO, 0));
        leases.openWithLease(OTHER_FILE, OpenId.random(), CLIENT_B, KEY_1, LeaseState.R, LeaseKey.ZERO, 0);
        assertEquals(LeaseState.RWH, leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().state(), "the refused open left no trace");
    }

    @Test
    void leaseTimeoutEndsTheBreakAtNone() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        BreakWait w = leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.OPEN);
        scheduler.advance(LeaseManager.DEFAULT_BREAK_TIMEOUT);
        assertTrue(w.isDone());
        assertEquals(LeaseState.NONE, leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().state());
    }

    @Test
    void v2EpochStartsAboveTheClientsAndGrowsWithEveryChange() {
        OpenId open = OpenId.random();
        LeaseGrant g = leases.openWithLease(FILE, open, CLIENT_A, KEY_1, LeaseState.RWH, KEY_2, 5);
        assertEquals(6, g.epoch());
        assertEquals(KEY_2, g.parentLeaseKey());
        leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.OPEN);
        assertEquals(7, ((LeaseBreak) breaks.get(0)).newEpoch());
        LeaseGrant after = leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.RH);
        assertEquals(7, after.epoch());
        assertEquals(KEY_2, after.parentLeaseKey());
    }

    @Test
    void sameKeyOpenUpgradesTheLeaseWhenAlone() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.R);
        LeaseGrant g = leases.openWithLease(FILE, OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH, LeaseKey.ZERO, 0);
        assertEquals(LeaseState.RWH, g.state());
        assertEquals(2, g.epoch());
    }

    @Test
    void requestForLessKeepsTheCurrentLeaseState() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        assertEquals(LeaseState.RWH, leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.R).state());
    }

    @Test
    void noUpgradeWhileBreaking() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH);
        leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.HANDLE_CONFLICT);
        LeaseGrant g = leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        assertEquals(LeaseState.RH, g.state());
        assertTrue(g.breakInProgress());
    }

    @Test
    void aFurtherBreakDuringABreakIsSentAfterTheAck() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH);
        OpenId other = OpenId.random();
        BreakWait open = leases.breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.OPEN);
        leaseOpen(other, CLIENT_B, KEY_2, LeaseState.NONE);
        BreakWait write = leases.breakFor(FILE, other, BreakCause.WRITE);
        assertEquals(1, breaks.size(), "one break at a time");
        assertFalse(write.isDone(), "the write waits for the write-caching holder");

        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.RH);
        assertTrue(open.isDone());
        assertEquals(2, breaks.size());
        LeaseBreak second = (LeaseBreak) breaks.get(1);
        assertEquals(LeaseState.RH, second.from());
        assertEquals(LeaseState.R, second.to(), "in steps: handle caching first");
        assertTrue(second.ackRequired());
        assertTrue(write.isDone(), "handle caching alone does not hold a write back");
        leases.acknowledgeLease(CLIENT_A, KEY_1, LeaseState.R);
        LeaseBreak third = (LeaseBreak) breaks.get(2);
        assertEquals(LeaseState.NONE, third.to());
        assertFalse(third.ackRequired());
        assertEquals(LeaseState.NONE, leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().state());
    }

    @Test
    void illegalLeaseStateRequestGetsNoCaching() {
        assertEquals(LeaseState.NONE, leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.of(LeaseState.HANDLE_CACHING)).state());
    }

    @Test
    void leaseOpenBreaksABatchOplockOfAnotherOpenAndGetsReadCachingOnlyBesideIt() {
        OpenId batch = oplockOpen(OplockLevel.BATCH, OplockLevel.BATCH);
        BreakWait w = leases.breakFor(FILE, OplockKey.of(CLIENT_A, KEY_1), BreakCause.OPEN);
        assertFalse(w.isDone());
        leases.acknowledgeOplock(batch, OplockLevel.LEVEL_II);
        // smb2.lease.oplock: beside a Level II oplock a lease gets R, never H.
        assertEquals(LeaseState.R, leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH).state());
    }

    @Test
    void anOplockIsNotGrantedBesideALeaseCachingHandles() {
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH);
        oplockOpen(OplockLevel.BATCH, OplockLevel.NONE);
    }

    @Test
    void aContendedLeaseUpgradesOnlyToTheWholeStateAskedFor() {
        OpenId first = OpenId.random();
        leaseOpen(first, CLIENT_A, KEY_1, LeaseState.R);
        leaseOpen(OpenId.random(), CLIENT_B, KEY_2, LeaseState.R);
        // smb2.lease.upgrade3: RHW cannot be had beside another lease, so nothing changes; RH can.
        assertEquals(LeaseState.R, leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH).state());
        assertEquals(LeaseState.RH, leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH).state());
    }

    @Test
    void aWriteBreaksTheWritersOwnLevelIIOplockButNotItsLease() {
        OpenId other = oplockOpen(OplockLevel.NONE, OplockLevel.NONE);
        OpenId levelII = oplockOpen(OplockLevel.LEVEL_II, OplockLevel.LEVEL_II);
        OpenId lease = OpenId.random();
        leaseOpen(lease, CLIENT_A, KEY_1, LeaseState.R);
        breaks.clear();
        leases.breakFor(FILE, levelII, BreakCause.WRITE);
        assertEquals(OplockLevel.NONE, leases.oplockOf(levelII), "smb2.oplock.batch1: a self break to none");
        assertEquals(LeaseState.NONE, leases.leaseOf(CLIENT_A, KEY_1).orElseThrow().state());
        leaseOpen(OpenId.random(), CLIENT_A, KEY_1, LeaseState.R);
        breaks.clear();
        leases.breakFor(FILE, lease, BreakCause.WRITE);
        assertEquals(List.of(), breaks, "a lease's own write breaks nothing");
        assertEquals(OplockLevel.NONE, leases.oplockOf(other));
    }

    @Test
    void aFailingListenerCostsNeitherOtherBreaksNorTheWait() {
        List<BreakNotification> seen = new ArrayList<>();
        LeaseManager failing = new LeaseManager(clock, scheduler, n -> {
            seen.add(n);
            throw new IllegalStateException("front-end bug");
        }, LeaseManager.DEFAULT_BREAK_TIMEOUT);
        failing.openWithLease(FILE, OpenId.random(), CLIENT_A, KEY_1, LeaseState.R, LeaseKey.ZERO, 0);
        failing.openWithLease(FILE, OpenId.random(), CLIENT_B, KEY_2, LeaseState.R, LeaseKey.ZERO, 0);
        OpenId writer = OpenId.random();
        failing.openWithOplock(FILE, writer, OplockLevel.NONE);
        assertTrue(failing.breakFor(FILE, writer, BreakCause.WRITE).isDone());
        assertEquals(2, seen.size());
    }

    @Test
    void sharedCachingIsNotGrantedOnAFileWithByteRangeLocks() {
        ByteRangeLocks locks = new ByteRangeLocks();
        LeaseManager withLocks = new LeaseManager(clock, scheduler, breaks::add, LeaseManager.DEFAULT_BREAK_TIMEOUT, locks::hasLocks);
        OpenId locker = OpenId.random();
        withLocks.openWithOplock(FILE, locker, OplockLevel.NONE);
        locks.lock(FILE, locker, OwnerId.NONE, 0, 1, true);
        assertEquals(OplockLevel.NONE, withLocks.openWithOplock(FILE, OpenId.random(), OplockLevel.BATCH), "downgraded to Level II, then refused");
        assertEquals(LeaseState.NONE, withLocks.openWithLease(FILE, OpenId.random(), CLIENT_A, KEY_1, LeaseState.RH, LeaseKey.ZERO, 0).state());
        locks.closeOpen(FILE, locker);
        assertEquals(LeaseState.RH, withLocks.openWithLease(FILE, OpenId.random(), CLIENT_B, KEY_2, LeaseState.RH, LeaseKey.ZERO, 0).state());
    }

    @Test
    void ackFromInsideTheListenerDoesNotDeadlock() {
        List<BreakNotification> seen = new ArrayList<>();
        LeaseManager[] self = new LeaseManager[1];
        self[0] = new LeaseManager(clock, scheduler, n -> {
            seen.add(n);
            if (n instanceof LeaseBreak lb && lb.ackRequired()) {
                self[0].acknowledgeLease(lb.client(), lb.leaseKey(), lb.to()); // a client that is gone
            }
        }, LeaseManager.DEFAULT_BREAK_TIMEOUT);
        self[0].openWithLease(FILE, OpenId.random(), CLIENT_A, KEY_1, LeaseState.RWH, LeaseKey.ZERO, 0);
        BreakWait w = self[0].breakFor(FILE, OplockKey.of(CLIENT_B, KEY_2), BreakCause.OPEN);
        assertTrue(w.isDone());
        assertEquals(1, seen.size());
    }
}
