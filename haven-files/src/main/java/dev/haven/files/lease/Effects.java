package dev.haven.files.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a state change under a file's lock must do once the lock is released: notifications to
 * deliver and waits to complete. Keeps listener calls and future continuations out of the lock.
 */
final class Effects {
    final List<BreakNotification> notifications = new ArrayList<>();
    final List<CompletableFuture<Void>> released = new ArrayList<>();

    void run(BreakListener listener) {
        for (BreakNotification n : notifications) {
            listener.onBreak(n);
        }
        for (CompletableFuture<Void> f : released) {
            f.complete(null);
        }
    }
}
