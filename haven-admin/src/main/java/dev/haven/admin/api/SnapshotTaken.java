package dev.haven.admin.api;

/**
 * The answer to a snapshot creation.
 *
 * @param snapshot the new snapshot
 * @param pauseMillis how long changes to the live file system waited (0 for a writable snapshot)
 * @param share the share created on it, or null
 */
public record SnapshotTaken(SnapshotView snapshot, double pauseMillis, ShareView share) {}
