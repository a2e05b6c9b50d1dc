package dev.haven.volume;

import java.time.Clock;
import java.util.concurrent.Executor;

/**
 * How a volume runs.
 *
 * @param clock time of snapshot creation
 * @param restoreExecutorOrNull runs the background restore copy; null leaves it to
 *        {@link Restore#step} / {@link Restore#await} (tests drive it that way)
 * @param maxHeldBytes new data held in memory behind a copy on write before an early flush
 * @param saveBlocksOrZero save-volume capacity in blocks at create; 0 means as many as the volume has
 */
public record VolumeOptions(Clock clock, Executor restoreExecutorOrNull, long maxHeldBytes, long saveBlocksOrZero) {

    /** System clock, restores copied on a virtual thread, 64 MiB held, save volume as large as the volume. */
    public static VolumeOptions defaults() {
        return new VolumeOptions(Clock.systemUTC(), r -> Thread.ofVirtual().name("haven-restore").start(r),
                64L << 20, 0);
    }

    /** The same options with no background restore copy. */
    public VolumeOptions withoutBackgroundRestore() {
        return new VolumeOptions(clock, null, maxHeldBytes, saveBlocksOrZero);
    }

    /** The same options with another clock. */
    public VolumeOptions withClock(Clock c) {
        return new VolumeOptions(c, restoreExecutorOrNull, maxHeldBytes, saveBlocksOrZero);
    }

    /** The same options with another held-bytes bound. */
    public VolumeOptions withMaxHeldBytes(long bytes) {
        return new VolumeOptions(clock, restoreExecutorOrNull, bytes, saveBlocksOrZero);
    }

    /** The same options with another save-volume capacity. */
    public VolumeOptions withSaveBlocks(long blocks) {
        return new VolumeOptions(clock, restoreExecutorOrNull, maxHeldBytes, blocks);
    }
}
