package dev.haven.files.lease;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** The production {@link BreakScheduler}: one daemon timer thread. Close it when the server stops. */
public final class ExecutorBreakScheduler implements BreakScheduler, AutoCloseable {
    private final Clock clock;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "haven-break-timer");
        t.setDaemon(true);
        return t;
    });

    /** Creates a scheduler that measures delays against {@code clock}. */
    public ExecutorBreakScheduler(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        long delayNanos = Math.max(0, Duration.between(clock.instant(), at).toNanos());
        ScheduledFuture<?> f = executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        return () -> f.cancel(false);
    }

    /** Stops the timer thread; pending timeouts do not run. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
