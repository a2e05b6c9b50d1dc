package dev.haven.node;

/**
 * How many automatic snapshots of a file system the node keeps ({@code snapshot-hourly} and
 * {@code snapshot-daily} in its {@code [filesystem NAME]} section; 0 turns a period off).
 *
 * @param hourlyKeep hourly snapshots kept (the newest ones)
 * @param dailyKeep daily snapshots kept (the newest ones)
 */
public record SnapshotSchedule(int hourlyKeep, int dailyKeep) {
    /** No automatic snapshots. */
    public static final SnapshotSchedule NONE = new SnapshotSchedule(0, 0);

    /** Checks the counts. */
    public SnapshotSchedule {
        if (hourlyKeep < 0 || dailyKeep < 0) {
            throw new IllegalArgumentException("snapshot counts must not be negative");
        }
    }

    /** True when any period is on. */
    public boolean enabled() {
        return hourlyKeep > 0 || dailyKeep > 0;
    }
}
