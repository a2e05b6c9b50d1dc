package dev.haven.files.lease;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ExecutorBreakSchedulerTest {

    @Test
    void runsADueTaskOnItsOwnThread() throws Exception {
        try (ExecutorBreakScheduler scheduler = new ExecutorBreakScheduler(Clock.systemUTC())) {
            CountDownLatch ran = new CountDownLatch(1);
            AtomicReference<Thread> on = new AtomicReference<>();
            scheduler.schedule(Clock.systemUTC().instant(), () -> {
                on.set(Thread.currentThread());
                ran.countDown();
            });
            assertTrue(ran.await(10, TimeUnit.SECONDS));
            assertNotEquals(Thread.currentThread(), on.get());
        }
    }

    @Test
    void cancelledTaskDoesNotRun() throws Exception {
        try (ExecutorBreakScheduler scheduler = new ExecutorBreakScheduler(Clock.systemUTC())) {
            CountDownLatch ran = new CountDownLatch(1);
            scheduler.schedule(Clock.systemUTC().instant().plus(Duration.ofHours(1)), ran::countDown).cancel();
            CountDownLatch marker = new CountDownLatch(1);
            scheduler.schedule(Clock.systemUTC().instant(), marker::countDown);
            assertTrue(marker.await(10, TimeUnit.SECONDS));
            assertFalse(ran.getCount() == 0);
        }
    }
}
