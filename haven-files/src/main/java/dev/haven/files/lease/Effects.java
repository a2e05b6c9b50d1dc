package dev.haven.files.lease;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * What a state change under a file's lock must do once the lock is released: notifications to
 * deliver and waits to complete. Keeps listener calls and future continuations out of the lock.
 */
final class Effects {
    private static final System.Logger LOG = System.getLogger(Effects.class.getName());

    final List<BreakNotification> notifications = new ArrayList<>();
    final List<CompletableFuture<Void>> released = new ArrayList<>();

    /**
     * Delivers every notification, then releases every wait. A listener that throws is our bug
     * (a front-end's), so it is logged, but it must not cost the other notifications or leave an
     * operation waiting forever.
     */
    void run(BreakListener listener) {
        for (BreakNotification n : notifications) {
            try {
                listener.onBreak(n);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "break listener failed on " + n, e);
            }
        }
        for (CompletableFuture<Void> f : released) {
            f.complete(null);
        }
    }
}
