package dev.haven.files.lease;

import java.time.Instant;

/**
 * Runs break-timeout tasks at a given instant of the lease manager's clock. Production uses
 * {@link ExecutorBreakScheduler}; tests use a manual scheduler driven together with a manual
 * clock, so timeouts are tested without sleeping.
 */
public interface BreakScheduler {
    /** Runs {@code task} once, at or after {@code at}; the handle cancels it if it has not run. */
    Scheduled schedule(Instant at, Runnable task);

    /** A scheduled task. */
    @FunctionalInterface
    interface Scheduled {
        /** Cancels the task if it has not started; does nothing otherwise. */
        void cancel();
    }
}
