package dev.haven.files.lease;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import dev.haven.testkit.ManualClock;

/** A {@link BreakScheduler} that runs due tasks only when the test advances its clock. */
public final class ManualScheduler implements BreakScheduler {
    private final ManualClock clock;
    private final List<Task> tasks = new ArrayList<>();

    private static final class Task {
        final Instant at;
        final Runnable run;
        boolean cancelled;

        Task(Instant at, Runnable run) {
            this.at = at;
            this.run = run;
        }
    }

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    @Override
    public Scheduled schedule(Instant at, Runnable task) {
        Task t = new Task(at, task);
        tasks.add(t);
        return () -> t.cancelled = true;
    }

    /** Moves the clock forward and runs, in time order, every task that has become due. */
    public void advance(Duration d) {
        clock.advance(d);
        while (true) {
            Task next = tasks.stream()
                    .filter(t -> !t.cancelled && !t.at.isAfter(clock.instant()))
                    .min(Comparator.comparing(t -> t.at))
                    .orElse(null);
            if (next == null) {
                return;
            }
            tasks.remove(next);
            next.run.run();
        }
    }

    /** Number of armed, uncancelled tasks. */
    long pending() {
        return tasks.stream().filter(t -> !t.cancelled).count();
    }
}
