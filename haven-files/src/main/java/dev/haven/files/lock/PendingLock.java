package dev.haven.files.lock;

import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * A lock request that may have to wait ([MS-FSA] 2.1.5.8 with FailImmediately FALSE). Its future
 * completes with the granted lock, or exceptionally with a
 * {@link dev.haven.files.FileServiceException} of kind CANCELLED if it was cancelled or its open
 * closed first. Completion happens outside the file's lock, on the thread that released the range.
 */
public final class PendingLock {
    private final CompletableFuture<ByteRangeLock> future;
    /** What callers see: a dependent copy, so completing it from outside cannot fake a grant. */
    private final CompletableFuture<ByteRangeLock> view;
    private final BooleanSupplier canceller;

    PendingLock(CompletableFuture<ByteRangeLock> future, BooleanSupplier canceller) {
        this.future = future;
        this.view = future.copy();
        this.canceller = canceller;
    }

    /** The outcome; callers attach their reply to it. */
    public CompletableFuture<ByteRangeLock> future() {
        return view;
    }

    /** True if the lock is already granted. */
    public boolean isGranted() {
        return future.isDone() && !future.isCompletedExceptionally();
    }

    /**
     * Withdraws the request (SMB2 CANCEL, [MS-SMB2] 3.3.5.16); the future fails with CANCELLED.
     * Returns false if it was already granted or finished, in which case nothing changes.
     */
    public boolean cancel() {
        return canceller.getAsBoolean();
    }
}
