package dev.haven.node;

import dev.haven.volume.SnapshotInfo;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Takes and prunes a file system's automatic snapshots. Each period has one snapshot per slot
 * (UTC hour or day), named after the slot ({@code hourly-20261122-07}, {@code daily-20261122}),
 * so a node that was down simply takes the current slot's snapshot when it is back, and names
 * sort by time. After taking one, the oldest of that period beyond the kept count are deleted
 * (a snapshot that cannot be deleted, because a share or a writable snapshot uses it, is kept
 * and retried at the next run). Time is passed in, so tests drive it with a manual clock.
 */
final class SnapshotScheduler {
    private static final Logger LOG = System.getLogger(SnapshotScheduler.class.getName());

    /** What the scheduler works on: one file system's snapshots. */
    interface Target {
        String name();

        SnapshotSchedule schedule();

        List<SnapshotInfo> snapshots();

        void take(String name) throws IOException;

        void delete(String name) throws IOException;
    }

    /** The periods, with their slot length and name pattern. */
    enum Period {
        HOURLY("hourly-", ChronoUnit.HOURS, "yyyyMMdd-HH"),
        DAILY("daily-", ChronoUnit.DAYS, "yyyyMMdd");

        final String prefix;
        final ChronoUnit slot;
        final DateTimeFormatter format;

        Period(String prefix, ChronoUnit slot, String pattern) {
            this.prefix = prefix;
            this.slot = slot;
            this.format = DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC);
        }

        String nameAt(Instant now) {
            return prefix + format.format(now.truncatedTo(slot));
        }

        int keep(SnapshotSchedule s) {
            return this == HOURLY ? s.hourlyKeep() : s.dailyKeep();
        }
    }

    private SnapshotScheduler() {}

    /** Takes the snapshots due at {@code now} and prunes the old ones; returns the names taken. */
    static List<String> run(Target target, Instant now) {
        List<String> taken = new ArrayList<>();
        for (Period p : Period.values()) {
            int keep = p.keep(target.schedule());
            if (keep == 0) {
                continue;
            }
            String name = p.nameAt(now);
            try {
                if (target.snapshots().stream().noneMatch(s -> s.name().equals(name))) {
                    target.take(name);
                    taken.add(name);
                }
                prune(target, p, keep);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.ERROR, "filesystem " + target.name() + ": scheduled snapshot " + name + " failed", e);
            }
        }
        return taken;
    }

    private static void prune(Target target, Period p, int keep) {
        List<String> mine = target.snapshots().stream().map(SnapshotInfo::name)
                .filter(n -> n.startsWith(p.prefix)).sorted().toList();
        for (String old : mine.subList(0, Math.max(0, mine.size() - keep))) {
            try {
                target.delete(old);
                LOG.log(Level.INFO, "filesystem {0}: pruned scheduled snapshot {1}", target.name(), old);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "filesystem {0}: cannot prune {1} yet: {2}", target.name(), old,
                        e.getMessage());
            }
        }
    }
}
