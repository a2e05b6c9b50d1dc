package dev.haven.admin.api;

/**
 * A snapshot.
 *
 * @param kind {@code ro} or {@code rw}
 * @param base the read-only snapshot a writable one is based on, else null
 * @param created when it was made
 * @param ageSeconds its age when listed
 * @param heldBytes save-volume bytes it holds
 */
public record SnapshotView(String name, String kind, String base, String created, long ageSeconds,
        long heldBytes) {}
