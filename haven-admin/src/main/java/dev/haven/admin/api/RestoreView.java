package dev.haven.admin.api;

/**
 * A restore's progress: blocks {@code [0, done)} of {@code total} are copied back.
 *
 * @param source the snapshot restored from
 * @param state the restore's lifecycle state
 */
public record RestoreView(String source, long done, long total, String state) {
    /** Fraction done in [0, 1]. */
    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }

    /** True when the background copy has finished. */
    public boolean finished() {
        return done >= total;
    }
}
