package dev.haven.files.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.Concurrently;
import dev.haven.files.FileKey;
import dev.haven.files.OpenId;
import dev.haven.files.OwnerId;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Many threads on many files and on one shared file: no deadlock, no lost wake-up, mutual exclusion holds. */
class ByteRangeLocksConcurrencyTest {
    private static final int THREADS = 8;
    private static final int ROUNDS = 2_000;

    @Test
    void manyThreadsOnDifferentFilesFinishWithoutDeadlock() throws Exception {
        ByteRangeLocks locks = new ByteRangeLocks();
        Concurrently.run(THREADS, thread -> {
            OpenId open = OpenId.random();
            for (int i = 0; i < ROUNDS; i++) {
                FileKey file = new FileKey(thread, i % 16);
                boolean exclusive = i % 2 == 0;
                locks.lock(file, open, OwnerId.NONE, i, 10, exclusive);
                if (exclusive) {
                    locks.checkWrite(file, open, OwnerId.NONE, i, 1);
                } else {
                    locks.checkRead(file, open, OwnerId.NONE, i, 1);
                }
                locks.unlock(file, open, OwnerId.NONE, i, 10);
            }
        });
        for (int t = 0; t < THREADS; t++) {
            for (int f = 0; f < 16; f++) {
                assertTrue(locks.locksOf(new FileKey(t, f)).isEmpty());
            }
        }
    }

    @Test
    void blockingWaitersOnOneFileNeverOverlapAndAllFinish() throws Exception {
        ByteRangeLocks locks = new ByteRangeLocks();
        FileKey file = new FileKey(99, 1);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        AtomicInteger acquired = new AtomicInteger();
        Concurrently.run(THREADS, thread -> {
            OpenId open = OpenId.random();
            for (int i = 0; i < ROUNDS / 4; i++) {
                PendingLock p = locks.lockOrWait(file, open, OwnerId.NONE, 0, 100, true);
                p.future().get(60, TimeUnit.SECONDS);
                maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                acquired.incrementAndGet();
                inside.decrementAndGet();
                if (i % 50 == 0) {
                    locks.closeOpen(file, open);
                } else {
                    locks.unlock(file, open, OwnerId.NONE, 0, 100);
                }
            }
        });
        assertEquals(1, maxInside.get(), "two holders of one exclusive range at once");
        assertEquals(THREADS * (ROUNDS / 4), acquired.get());
        assertTrue(locks.locksOf(file).isEmpty());
        assertEquals(0, locks.waitingOn(file));
    }
}
