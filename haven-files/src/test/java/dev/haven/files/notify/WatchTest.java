package dev.haven.files.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class WatchTest {
    private static NotifyChange added(String name) {
        return new NotifyChange(NotifyAction.ADDED, name);
    }

    private static Watch watch(int bufferSize) {
        return new Watch(NotifyFilter.FILE_NAME, false, bufferSize);
    }

    @Test
    void waitingRequestTakesTheFirstChange() {
        Watch w = watch(1000);
        CompletableFuture<NotifyOutcome> f = w.next(1000);
        assertFalse(f.isDone());
        w.offer(List.of(added("a")));
        assertEquals(new NotifyOutcome.Changes(List.of(added("a"))), f.join());
        assertEquals(0, w.waiting());
    }

    @Test
    void changesBetweenRequestsAreBufferedAndAnsweredAtOnce() {
        Watch w = watch(1000);
        w.offer(List.of(added("a")));
        w.offer(List.of(new NotifyChange(NotifyAction.REMOVED, "b")));
        NotifyOutcome o = w.next(1000).join();
        assertEquals(new NotifyOutcome.Changes(List.of(added("a"), new NotifyChange(NotifyAction.REMOVED, "b"))), o);
        assertFalse(w.next(1000).isDone(), "the buffer was emptied");
    }

    @Test
    void mergesIdenticalNeighbours() {
        Watch w = watch(1000);
        NotifyChange m = new NotifyChange(NotifyAction.MODIFIED, "f");
        w.offer(List.of(added("f"), m, m));
        w.offer(List.of(m));
        assertEquals(new NotifyOutcome.Changes(List.of(added("f"), m)), w.next(1000).join());
    }

    @Test
    void overflowAnswersEnumDirOnceThenBuffersAgain() {
        Watch w = watch(100);
        for (int i = 0; i < 10; i++) {
            w.offer(List.of(added("file" + i + ".txt")));
        }
        assertInstanceOf(NotifyOutcome.EnumDir.class, w.next(100).join());
        w.offer(List.of(added("x")));
        assertEquals(new NotifyOutcome.Changes(List.of(added("x"))), w.next(100).join());
    }

    @Test
    void requestSmallerThanTheBufferedChangesGetsEnumDirAndTheBufferEmpties() {
        Watch w = watch(1000);
        w.offer(List.of(added("name")));
        assertInstanceOf(NotifyOutcome.EnumDir.class, w.next(0).join());
        assertFalse(w.next(1000).isDone());
    }

    @Test
    void theFirstRequestsBufferSizeLimitsLaterRequests() {
        Watch w = watch(1);
        CompletableFuture<NotifyOutcome> f = w.next(1);
        w.offer(List.of(added("a")));
        assertInstanceOf(NotifyOutcome.EnumDir.class, f.join());
        w.offer(List.of(added("b")));
        assertInstanceOf(NotifyOutcome.EnumDir.class, w.next(65536).join());
    }

    @Test
    void exactFitIsNotAnOverflow() {
        NotifyChange a = added("ab"); // 12 + 4 = 16 bytes, already aligned
        NotifyChange b = added("c"); // 12 + 2 = 14 bytes, last entry unpadded
        Watch w = watch(a.alignedSize() + b.size());
        w.offer(List.of(a, b));
        assertEquals(new NotifyOutcome.Changes(List.of(a, b)), w.next(30).join());
        w.offer(List.of(a, b));
        assertInstanceOf(NotifyOutcome.EnumDir.class, w.next(29).join());
    }

    @Test
    void renamePairIsNeverSplit() {
        Watch w = watch(1000);
        CompletableFuture<NotifyOutcome> f = w.next(1000);
        List<NotifyChange> pair = List.of(new NotifyChange(NotifyAction.RENAMED_OLD_NAME, "old"),
                new NotifyChange(NotifyAction.RENAMED_NEW_NAME, "new"));
        w.offer(pair);
        assertEquals(new NotifyOutcome.Changes(pair), f.join());
    }

    @Test
    void withdrawCompletesAWaitingRequestOnlyOnce() {
        Watch w = watch(1000);
        CompletableFuture<NotifyOutcome> f = w.next(1000);
        assertTrue(w.withdraw(f, new NotifyOutcome.Cancelled()));
        assertInstanceOf(NotifyOutcome.Cancelled.class, f.join());
        assertFalse(w.withdraw(f, new NotifyOutcome.Cleanup()));
        w.offer(List.of(added("a")));
        assertEquals(new NotifyOutcome.Changes(List.of(added("a"))), w.next(1000).join(),
                "the change stayed for the next request");
    }

    @Test
    void closeAnswersCleanupNowAndLater() {
        Watch w = watch(1000);
        CompletableFuture<NotifyOutcome> f = w.next(1000);
        w.close();
        assertInstanceOf(NotifyOutcome.Cleanup.class, f.join());
        w.offer(List.of(added("a")));
        assertInstanceOf(NotifyOutcome.Cleanup.class, w.next(1000).join());
    }

    @Test
    void deletePendingEndsEveryWaitingRequest() {
        Watch w = watch(1000);
        CompletableFuture<NotifyOutcome> f1 = w.next(1000);
        CompletableFuture<NotifyOutcome> f2 = w.next(1000);
        w.deletePending();
        assertInstanceOf(NotifyOutcome.DeletePending.class, f1.join());
        assertInstanceOf(NotifyOutcome.DeletePending.class, f2.join());
    }

    @Test
    void boundedNumberOfBufferedEntries() {
        Watch w = watch(Integer.MAX_VALUE);
        for (int i = 0; i <= Watch.MAX_BUFFERED; i++) {
            w.offer(List.of(added("f" + i)));
        }
        assertInstanceOf(NotifyOutcome.EnumDir.class, w.next(Integer.MAX_VALUE).join());
    }

    /**
     * Model test: whatever the interleaving of changes and requests, every change reaches exactly
     * one request, in order, unless an overflow told the client to re-read the directory.
     */
    @Test
    void randomInterleavingsDeliverEveryChangeOnceAndInOrder() {
        long seed = new Random().nextLong();
        Random r = new Random(seed);
        for (int round = 0; round < 200; round++) {
            String msg = "seed " + seed + " round " + round;
            Watch w = watch(r.nextInt(400));
            List<NotifyChange> sent = new ArrayList<>();
            List<NotifyChange> got = new ArrayList<>();
            boolean overflow = false;
            CompletableFuture<NotifyOutcome> waiting = null;
            for (int step = 0; step < 50; step++) {
                if (r.nextBoolean()) {
                    NotifyChange c = added("n" + step);
                    sent.add(c);
                    w.offer(List.of(c));
                } else if (waiting == null) {
                    waiting = w.next(r.nextInt(400));
                }
                if (waiting != null && waiting.isDone()) {
                    if (waiting.join() instanceof NotifyOutcome.Changes c) {
                        got.addAll(c.changes());
                    } else {
                        assertInstanceOf(NotifyOutcome.EnumDir.class, waiting.join(), msg);
                        overflow = true;
                    }
                    waiting = null;
                }
            }
            if (!overflow) {
                assertEquals(sent.subList(0, got.size()), got, msg);
            }
        }
    }
}
