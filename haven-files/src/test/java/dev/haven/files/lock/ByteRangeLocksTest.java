package dev.haven.files.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.OwnerId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class ByteRangeLocksTest {
    private static final FileKey FILE = new FileKey(7, 1);
    private static final OwnerId O = OwnerId.NONE;
    private static final long MAX = -1L; // 2^64 - 1 unsigned

    private final ByteRangeLocks locks = new ByteRangeLocks();
    private final OpenId a = OpenId.random();
    private final OpenId b = OpenId.random();

    private static void assertError(FileServiceError expected, Executable call) {
        assertEquals(expected, assertThrows(FileServiceException.class, call).error());
    }

    @Test
    void exclusiveLockConflictsWithAnyOverlappingLockOfAnotherOpen() {
        locks.lock(FILE, a, O, 10, 10, true);
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, b, O, 19, 1, false));
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, b, O, 0, 11, true));
        locks.lock(FILE, b, O, 20, 5, true); // adjacent, not overlapping
        locks.lock(FILE, b, O, 0, 10, false);
    }

    @Test
    void sharedLocksCoexistButBlockExclusive() {
        locks.lock(FILE, a, O, 0, 100, false);
        locks.lock(FILE, b, O, 50, 100, false);
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, b, O, 60, 1, true));
    }

    @Test
    void sameOpenMayNotStackExclusiveLocksButMayTakeSharedInsideItsExclusive() {
        // [MS-FSA] 2.1.4.10: overlapping exclusive locks are refused even for the same owner.
        locks.lock(FILE, a, O, 0, 10, true);
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, a, O, 5, 10, true));
        locks.lock(FILE, a, O, 2, 3, false);
    }

    @Test
    void sameOpensExclusiveOverItsOwnSharedLockIsRefused() {
        locks.lock(FILE, a, O, 0, 10, false);
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, a, O, 0, 10, true));
    }

    @Test
    void differentOwnersInsideOneOpenConflictLikeDifferentOpens() {
        locks.lock(FILE, a, new OwnerId(1), 0, 10, true);
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, a, new OwnerId(2), 0, 1, false));
        assertError(FileServiceError.LOCK_CONFLICT, () -> locks.checkRead(FILE, a, new OwnerId(2), 0, 1));
    }

    @Test
    void exclusiveLockAllowsItsOwnReadsAndWritesButNotOthers() {
        locks.lock(FILE, a, O, 0, 10, true);
        locks.checkRead(FILE, a, O, 0, 10);
        locks.checkWrite(FILE, a, O, 0, 10);
        assertError(FileServiceError.LOCK_CONFLICT, () -> locks.checkRead(FILE, b, O, 9, 5));
        assertError(FileServiceError.LOCK_CONFLICT, () -> locks.checkWrite(FILE, b, O, 9, 5));
        locks.checkRead(FILE, b, O, 10, 5);
    }

    @Test
    void sharedLockBlocksEveryonesWritesIncludingItsOwnButNoReads() {
        locks.lock(FILE, a, O, 0, 10, false);
        locks.checkRead(FILE, a, O, 0, 10);
        locks.checkRead(FILE, b, O, 0, 10);
        assertError(FileServiceError.LOCK_CONFLICT, () -> locks.checkWrite(FILE, a, O, 5, 1));
        assertError(FileServiceError.LOCK_CONFLICT, () -> locks.checkWrite(FILE, b, O, 5, 1));
    }

    @Test
    void unlockMustMatchExactly() {
        locks.lock(FILE, a, O, 0, 10, true);
        assertError(FileServiceError.RANGE_NOT_LOCKED, () -> locks.unlock(FILE, a, O, 0, 9));
        assertError(FileServiceError.RANGE_NOT_LOCKED, () -> locks.unlock(FILE, a, O, 1, 9));
        assertError(FileServiceError.RANGE_NOT_LOCKED, () -> locks.unlock(FILE, b, O, 0, 10));
        assertError(FileServiceError.RANGE_NOT_LOCKED, () -> locks.unlock(FILE, a, new OwnerId(9), 0, 10));
        locks.unlock(FILE, a, O, 0, 10);
        assertError(FileServiceError.RANGE_NOT_LOCKED, () -> locks.unlock(FILE, a, O, 0, 10));
        assertTrue(locks.locksOf(FILE).isEmpty());
    }

    @Test
    void unlockRemovesTheExclusiveLockBeforeASharedOneOfTheSameRange() {
        locks.lock(FILE, a, O, 0, 10, false);
        // a shared lock of the same open inside ... and an exclusive at another range
        locks.lock(FILE, a, O, 20, 10, true);
        locks.lock(FILE, a, O, 20, 10, false);
        locks.unlock(FILE, a, O, 20, 10);
        List<ByteRangeLock> left = locks.locksOf(FILE);
        assertEquals(2, left.size());
        assertTrue(left.stream().noneMatch(ByteRangeLock::exclusive), "the exclusive one went first: " + left);
    }

    @Test
    void zeroLengthLockAtZeroNeverConflicts() {
        locks.lock(FILE, a, O, 0, 10, true);
        locks.lock(FILE, b, O, 0, 0, true);
        locks.lock(FILE, b, O, 0, 0, true);
        assertEquals(3, locks.locksOf(FILE).size());
        locks.unlock(FILE, b, O, 0, 0);
    }

    @Test
    void zeroLengthLockConflictsOnlyStrictlyInsideAnotherLock() {
        locks.lock(FILE, a, O, 10, 10, true); // bytes 10..19
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, b, O, 15, 0, false));
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, b, O, 19, 0, false));
        locks.lock(FILE, b, O, 10, 0, true); // at the start: last byte 9 is outside
        locks.lock(FILE, b, O, 20, 0, true); // last byte 19 is inside, but offset 20 is past the end
    }

    @Test
    void zeroLengthLockBlocksALockAroundIt() {
        locks.lock(FILE, a, O, 15, 0, true);
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, b, O, 10, 10, false));
        locks.lock(FILE, b, O, 15, 10, false);
    }

    @Test
    void locksUpToTheLastByteOfTheUnsignedRange() {
        locks.lock(FILE, a, O, MAX, 1, true); // the very last byte
        locks.lock(FILE, a, O, 0x8000_0000_0000_0000L, 0x7FFF_FFFF_FFFF_FFFFL, false); // up to 2^64-2
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lock(FILE, b, O, MAX - 10, 11, false));
        locks.lock(FILE, b, O, 0, 0x8000_0000_0000_0000L, true); // the lower half
        assertError(FileServiceError.LOCK_CONFLICT, () -> locks.checkWrite(FILE, b, O, MAX, 1));
        locks.unlock(FILE, a, O, MAX, 1);
        locks.checkWrite(FILE, b, O, MAX, 1);
    }

    @Test
    void rangesPastTheLastByteAreInvalid() {
        assertError(FileServiceError.INVALID_LOCK_RANGE, () -> locks.lock(FILE, a, O, MAX, 2, true));
        assertError(FileServiceError.INVALID_LOCK_RANGE, () -> locks.lock(FILE, a, O, 2, MAX, true));
        locks.lock(FILE, b, O, 1, MAX, false); // bytes 1 .. 2^64-1 is the largest valid range from 1
        locks.unlock(FILE, b, O, 1, MAX);
        assertError(FileServiceError.INVALID_LOCK_RANGE, () -> locks.unlock(FILE, a, O, 2, MAX));
        locks.lock(FILE, a, O, 0, MAX, true); // bytes 0 .. 2^64-2
        locks.lock(FILE, a, O, MAX, 0, true); // zero length never overflows
        assertError(FileServiceError.INVALID_PARAMETER, () -> locks.checkRead(FILE, b, O, 5, MAX));
    }

    @Test
    void blockingWaitersAreGrantedInArrivalOrderOnUnlock() {
        locks.lock(FILE, a, O, 0, 10, true);
        List<String> order = new ArrayList<>();
        PendingLock first = locks.lockOrWait(FILE, b, O, 0, 10, true);
        PendingLock second = locks.lockOrWait(FILE, b, new OwnerId(2), 0, 10, true);
        first.future().thenRun(() -> order.add("first"));
        second.future().thenRun(() -> order.add("second"));
        assertFalse(first.isGranted());
        assertEquals(2, locks.waitingOn(FILE));

        locks.unlock(FILE, a, O, 0, 10);
        assertTrue(first.isGranted());
        assertFalse(second.isGranted(), "second conflicts with first and keeps waiting");
        locks.unlock(FILE, b, O, 0, 10);
        assertTrue(second.isGranted());
        assertEquals(List.of("first", "second"), order);
        assertEquals(0, locks.waitingOn(FILE));
    }

    @Test
    void sharedWaitersAreAllGrantedTogether() {
        locks.lock(FILE, a, O, 0, 10, true);
        PendingLock s1 = locks.lockOrWait(FILE, b, O, 0, 10, false);
        PendingLock s2 = locks.lockOrWait(FILE, OpenId.random(), O, 5, 10, false);
        PendingLock x = locks.lockOrWait(FILE, OpenId.random(), O, 0, 1, true);
        locks.unlock(FILE, a, O, 0, 10);
        assertTrue(s1.isGranted());
        assertTrue(s2.isGranted());
        assertFalse(x.isGranted());
    }

    @Test
    void closingAnOpenReleasesItsLocksWakesWaitersAndCancelsItsOwnWaiters() {
        locks.lock(FILE, a, O, 0, 10, true);
        locks.lock(FILE, a, O, 100, 10, true);
        PendingLock bWaits = locks.lockOrWait(FILE, b, O, 0, 200, true);
        locks.lock(FILE, b, O, 300, 1, true);
        PendingLock aWaits = locks.lockOrWait(FILE, a, O, 300, 1, false);
        locks.closeOpen(FILE, a);
        assertTrue(bWaits.isGranted());
        CompletionException e = assertThrows(CompletionException.class, () -> aWaits.future().join());
        assertEquals(FileServiceError.CANCELLED, ((FileServiceException) e.getCause()).error());
        assertTrue(locks.locksOf(FILE).stream().allMatch(l -> l.open().equals(b)));
    }

    @Test
    void cancelledWaiterFailsWithCancelledAndIsNeverGranted() {
        locks.lock(FILE, a, O, 0, 10, true);
        PendingLock p = locks.lockOrWait(FILE, b, O, 0, 10, true);
        assertTrue(p.cancel());
        assertFalse(p.cancel(), "a second cancel does nothing");
        CompletionException e = assertThrows(CompletionException.class, () -> p.future().join());
        assertEquals(FileServiceError.CANCELLED, ((FileServiceException) e.getCause()).error());
        locks.unlock(FILE, a, O, 0, 10);
        assertTrue(locks.locksOf(FILE).isEmpty());
    }

    @Test
    void cancelAfterGrantChangesNothing() {
        PendingLock p = locks.lockOrWait(FILE, b, O, 0, 10, true);
        assertTrue(p.isGranted());
        assertFalse(p.cancel());
        assertEquals(1, locks.locksOf(FILE).size());
    }

    @Test
    void laterWaiterThatDoesNotConflictIsNotHeldBackByABlockedEarlierOne() {
        locks.lock(FILE, a, O, 0, 10, true);
        locks.lock(FILE, a, O, 50, 10, true);
        PendingLock blocked = locks.lockOrWait(FILE, b, O, 0, 60, true);
        PendingLock later = locks.lockOrWait(FILE, OpenId.random(), O, 50, 10, true);
        locks.unlock(FILE, a, O, 50, 10);
        assertFalse(blocked.isGranted());
        assertTrue(later.isGranted());
    }

    @Test
    void stateIsDroppedWhenTheLastLockGoes() {
        locks.lock(FILE, a, O, 0, 10, true);
        locks.unlock(FILE, a, O, 0, 10);
        assertTrue(locks.locksOf(FILE).isEmpty());
        assertEquals(0, locks.waitingOn(FILE));
    }

    @Test
    void multiRangeLockIsAllOrNothing() {
        locks.lock(FILE, a, O, 100, 10, true);
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lockAll(FILE, b, O,
                List.of(new LockRequest(0, 10, true), new LockRequest(20, 10, false), new LockRequest(105, 1, false))));
        assertEquals(1, locks.locksOf(FILE).size(), "the first two were rolled back");
        List<ByteRangeLock> got = locks.lockAll(FILE, b, O, List.of(new LockRequest(0, 10, true), new LockRequest(20, 10, false)));
        assertEquals(2, got.size());
        assertEquals(3, locks.locksOf(FILE).size());
    }

    @Test
    void entriesOfOneMultiRangeRequestConflictWithEachOther() {
        assertError(FileServiceError.LOCK_NOT_GRANTED, () -> locks.lockAll(FILE, a, O,
                List.of(new LockRequest(0, 10, true), new LockRequest(5, 10, true))));
        assertTrue(locks.locksOf(FILE).isEmpty());
    }

    @Test
    void lockSequenceDetectsReplayOfASucceededRequestOnly() {
        LockSequenceTable seq = new LockSequenceTable();
        int index3number5 = (3 << 4) | 5;
        assertFalse(seq.isReplay(index3number5));
        seq.beginProcessing(index3number5);
        seq.recordSuccess(index3number5);
        assertTrue(seq.isReplay(index3number5));
        assertFalse(seq.isReplay((3 << 4) | 6), "another number in the same bucket is new");
        assertFalse(seq.isReplay((4 << 4) | 5), "another bucket is independent");
        seq.beginProcessing((3 << 4) | 6);
        assertFalse(seq.isReplay(index3number5), "processing a new request invalidates the bucket");
        assertFalse(seq.isReplay(5), "index 0 never uses replay detection");
        seq.recordSuccess((65 << 4) | 1);
        assertFalse(seq.isReplay((65 << 4) | 1), "index 65 is out of range");
        seq.recordSuccess((64 << 4) | 15);
        assertTrue(seq.isReplay((64 << 4) | 15));
    }
}
