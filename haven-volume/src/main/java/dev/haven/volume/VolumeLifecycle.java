package dev.haven.volume;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of an open volume. The first I/O error on a commit path moves it to FAILED, which
 * every later call reports (fail-stop: no silent retries).
 * <pre>
 *   OPEN --I/O error--> FAILED --close--> CLOSED
 *   OPEN --close-----------------------> CLOSED
 * </pre>
 */
enum VolumeLifecycle {
    OPEN, FAILED, CLOSED;

    private Set<VolumeLifecycle> next() {
        return switch (this) {
            case OPEN -> EnumSet.of(FAILED, CLOSED);
            case FAILED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(VolumeLifecycle.class);
        };
    }

    VolumeLifecycle moveTo(VolumeLifecycle to) {
        if (!next().contains(to)) {
            throw new IllegalStateException("volume cannot go from " + this + " to " + to);
        }
        return to;
    }
}
