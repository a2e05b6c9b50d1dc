package dev.haven.files.snapshot;

import java.time.Instant;
import java.util.Objects;

/**
 * One read-only snapshot of a file system as the catalog sees it.
 *
 * @param name    the snapshot's name in its volume
 * @param created when it was taken (UTC)
 */
public record SnapshotPoint(String name, Instant created) {
    /** Checks the fields. */
    public SnapshotPoint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(created, "created");
    }
}
