package dev.haven.node;

import dev.haven.volume.SnapshotInfo;
import java.time.Duration;

/**
 * A snapshot taken of a live file system.
 *
 * @param snapshot the new read-only snapshot
 * @param pause how long changes waited: from the freeze (in-flight changes drain, everything is
 *     committed) to the thaw
 */
public record LiveSnapshot(SnapshotInfo snapshot, Duration pause) {}
