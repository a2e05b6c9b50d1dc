package dev.haven.files;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs one task on many threads at once and fails if any throws or they do not all finish in time. */
public final class Concurrently {
    private Concurrently() {}

    /** The work of one thread. */
    @FunctionalInterface
    public interface Task {
        /** Runs the work of thread number {@code thread}. */
        void run(int thread) throws Exception;
    }

    /** Runs {@code task} on {@code threads} threads and waits (at most a minute) for all of them. */
    public static void run(int threads, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    task.run(thread);
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
