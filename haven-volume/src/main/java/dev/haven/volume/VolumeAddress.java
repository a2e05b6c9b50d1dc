package dev.haven.volume;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a volume or one of its snapshots lives, written {@code PATH} or {@code PATH@NAME}.
 * The last {@code @} separates the snapshot name, so a path may itself contain {@code @}.
 */
public record VolumeAddress(Path path, String snapshotOrNull) {

    /** Checks the parts. */
    public VolumeAddress {
        Objects.requireNonNull(path, "path");
        if (snapshotOrNull != null) {
            SnapshotInfo.checkName(snapshotOrNull);
        }
    }

    /** Parses {@code PATH} or {@code PATH@NAME}. */
    public static VolumeAddress parse(String s) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("empty volume address");
        }
        int at = s.lastIndexOf('@');
        if (at < 0) {
            return new VolumeAddress(Path.of(s), null);
        }
        if (at == 0) {
            throw new IllegalArgumentException("volume address '" + s + "' has no path before '@'");
        }
        return new VolumeAddress(Path.of(s.substring(0, at)), s.substring(at + 1));
    }

    /** True when the address names a snapshot rather than production. */
    public boolean isSnapshot() {
        return snapshotOrNull != null;
    }

    @Override
    public String toString() {
        return snapshotOrNull == null ? path.toString() : path + "@" + snapshotOrNull;
    }
}
