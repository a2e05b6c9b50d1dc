package dev.haven.volume;

import java.time.Instant;

/**
 * What a snapshot is: its name, kind, identity, the read-only snapshot it is based on (writable
 * snapshots only), when it was made, and how many save-volume blocks it holds.
 *
 * @param id stable identity; read-only snapshots are ordered by it (creation order)
 * @param baseOrNull name of the base read-only snapshot of a writable snapshot, else null
 */
public record SnapshotInfo(String name, SnapshotKind kind, long id, String baseOrNull, Instant created,
        long blocksHeld) {

    /** Longest snapshot name in bytes of UTF-8. */
    public static final int MAX_NAME = 200;

    /** Returns {@code name} if it is a valid snapshot name, else throws IllegalArgumentException. */
    public static String checkName(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("empty snapshot name");
        }
        if (name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_NAME) {
            throw new IllegalArgumentException("snapshot name longer than " + MAX_NAME + " bytes: " + name);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '@' || c == '/' || c == '\\' || Character.isISOControl(c) || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("snapshot name '" + name + "' contains '" + c
                        + "' (not allowed: @ / \\ spaces and control characters)");
            }
        }
        return name;
    }
}
