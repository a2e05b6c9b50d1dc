package dev.haven.files.lease;

import java.util.concurrent.CompletableFuture;

/**
 * What an operation that caused breaks must wait for: its future completes when every break it
 * waits on was acknowledged, timed out, or its holder closed ([MS-SMB2] 3.3.4.6/3.3.4.7: the
 * CREATE goes pending until then). Already complete when nothing had to be waited for.
 */
public final class BreakWait {
    static final BreakWait DONE = new BreakWait(CompletableFuture.completedFuture(null));

    private final CompletableFuture<Void> future;

    BreakWait(CompletableFuture<Void> future) {
        this.future = future.copy(); // callers cannot complete the manager's own future
    }

    /** A wait that is already over: nothing had to be broken. */
    public static BreakWait none() {
        return DONE;
    }

    /** Completes when the operation may proceed. Never completes exceptionally. */
    public CompletableFuture<Void> future() {
        return future;
    }

    /** True if the operation may proceed now. */
    public boolean isDone() {
        return future.isDone();
    }
}
