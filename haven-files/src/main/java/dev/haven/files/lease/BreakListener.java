package dev.haven.files.lease;

/**
 * Implemented by a front-end to deliver breaks to its clients. Called without any lock of the
 * file service held, possibly on the thread of the operation that caused the break or on the
 * scheduler's thread; it must not block (queue the notification and return). It may call back
 * into the {@link LeaseManager}, for example to acknowledge at once for a client that is gone.
 */
@FunctionalInterface
public interface BreakListener {
    /** Delivers one break notification. */
    void onBreak(BreakNotification notification);
}
