package dev.haven.files.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many publishers and one client asking again and again: no change is lost or reported twice. */
class WatchConcurrencyTest {
    private static final int THREADS = 4;
    private static final int PER_THREAD = 1000; // 4,000 in all: below Watch.MAX_BUFFERED, so the buffer never overflows

    @Test
    void everyChangeReachesExactlyOneRequest() throws Exception {
        Watch w = new Watch(NotifyFilter.FILE_NAME, true, Integer.MAX_VALUE);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            publishers.add(Thread.ofPlatform().start(() -> {
                await(start);
                for (int i = 0; i < PER_THREAD; i++) {
                    w.offer(List.of(new NotifyChange(NotifyAction.ADDED, id + "-" + i)));
                }
            }));
        }
        start.countDown();
        Set<String> seen = new HashSet<>();
        while (seen.size() < THREADS * PER_THREAD) {
            NotifyOutcome o = w.next(Integer.MAX_VALUE).get(30, TimeUnit.SECONDS);
            for (NotifyChange c : assertInstanceOf(NotifyOutcome.Changes.class, o).changes()) {
                assertEquals(true, seen.add(c.name()), "reported twice: " + c.name());
            }
        }
        for (Thread p : publishers) {
            p.join();
        }
        assertEquals(0, w.waiting());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
