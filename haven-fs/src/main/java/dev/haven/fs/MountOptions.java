package dev.haven.fs;

import java.time.Clock;
import java.time.Duration;

/**
 * How to mount.
 *
 * @param readOnly        refuse every change (also implied by a read-only device)
 * @param clock           source of timestamps and of the commit interval
 * @param commitInterval  a change older than this is committed by the next operation
 * @param dirtyNodeLimit  commit once this many tree nodes are dirty
 */
public record MountOptions(boolean readOnly, Clock clock, Duration commitInterval, int dirtyNodeLimit) {
    /** Read-write, system clock, commit every 5 s or 4,096 dirty nodes. */
    public static final MountOptions DEFAULT = new MountOptions(false, Clock.systemUTC(), Duration.ofSeconds(5), 4096);

    /** These options, read-only. */
    public MountOptions asReadOnly() {
        return new MountOptions(true, clock, commitInterval, dirtyNodeLimit);
    }

    /** These options with another clock. */
    public MountOptions withClock(Clock c) {
        return new MountOptions(readOnly, c, commitInterval, dirtyNodeLimit);
    }
}
