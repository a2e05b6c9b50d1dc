package dev.haven.volume;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle of a restore.
 * <pre>
 *   RUNNING --(last block copied and flushed)--> COMPLETE
 *   RUNNING --(I/O error)-----------------------> FAILED
 * </pre>
 */
public enum RestoreState {
    /** The background copy is under way; production reads unrestored blocks from the source. */
    RUNNING,
    /** Every block is copied and the completion is durable. */
    COMPLETE,
    /** The volume failed during the restore; it resumes on the next open. */
    FAILED;

    private Set<RestoreState> next() {
        return switch (this) {
            case RUNNING -> EnumSet.of(COMPLETE, FAILED);
            case COMPLETE, FAILED -> EnumSet.noneOf(RestoreState.class);
        };
    }

    /** Returns {@code to} if this state may move there, else throws IllegalStateException. */
    public RestoreState moveTo(RestoreState to) {
        if (!next().contains(to)) {
            throw new IllegalStateException("restore cannot go from " + this + " to " + to);
        }
        return to;
    }
}
