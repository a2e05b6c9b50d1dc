package dev.haven.admin.api;

/**
 * The body of the snapshot operations; each uses the fields it needs.
 *
 * @param name the snapshot's name (create: optional, a timestamped one when absent; writable: required)
 * @param base the read-only snapshot a writable one is based on
 * @param from refresh: the read-only snapshot to re-base on (absent: a fresh one); restore: the source
 * @param share writable: also serve it as this share (read-write)
 */
public record SnapshotRequest(String name, String base, String from, String share) {}
