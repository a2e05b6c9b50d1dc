package dev.haven.volume;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a snapshot.
 * <pre>
 *   ACTIVE --refresh begins--> FROZEN --refresh ends--> ACTIVE
 *   ACTIVE --delete--> DELETED
 * </pre>
 */
enum SnapshotState {
    ACTIVE, FROZEN, DELETED;

    private Set<SnapshotState> next() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(FROZEN, DELETED);
            case FROZEN -> EnumSet.of(ACTIVE);
            case DELETED -> EnumSet.noneOf(SnapshotState.class);
        };
    }

    SnapshotState moveTo(SnapshotState to) {
        if (!next().contains(to)) {
            throw new IllegalStateException("snapshot cannot go from " + this + " to " + to);
        }
        return to;
    }
}
