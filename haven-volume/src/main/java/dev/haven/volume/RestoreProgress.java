package dev.haven.volume;

/**
 * How far a restore has got: production blocks {@code [0, done)} hold the source's content.
 *
 * @param source name of the snapshot being restored from
 * @param done blocks done
 * @param total blocks in the volume
 */
public record RestoreProgress(String source, long done, long total, RestoreState state) {

    /** Fraction done in [0, 1]. */
    public double fraction() {
        return total == 0 ? 1.0 : (double) done / total;
    }
}
