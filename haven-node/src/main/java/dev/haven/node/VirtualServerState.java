package dev.haven.node;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a virtual file server.
 * <pre>
 *   CREATED --> STARTING --> RUNNING --> STOPPING --> STOPPED
 *                  |                        ^
 *                  +------> FAILED ---------+
 * </pre>
 * FAILED: start-up failed part-way; whatever was opened is closed by STOPPING.
 */
public enum VirtualServerState {
    /** Configured, nothing opened. */
    CREATED,
    /** Opening volumes, mounting file systems, binding the listener. */
    STARTING,
    /** Serving clients. */
    RUNNING,
    /** Start-up failed. */
    FAILED,
    /** Closing: listener first, then file systems, then volumes. */
    STOPPING,
    /** Everything closed. */
    STOPPED;

    private Set<VirtualServerState> next() {
        return switch (this) {
            case CREATED -> EnumSet.of(STARTING, STOPPED);
            case STARTING -> EnumSet.of(RUNNING, FAILED);
            case RUNNING, FAILED -> EnumSet.of(STOPPING);
            case STOPPING -> EnumSet.of(STOPPED);
            case STOPPED -> EnumSet.noneOf(VirtualServerState.class);
        };
    }

    /** Checks that this state may move to {@code to} and returns {@code to}. */
    VirtualServerState moveTo(VirtualServerState to) {
        if (!next().contains(to)) {
            throw new IllegalStateException("virtual server cannot go from " + this + " to " + to);
        }
        return to;
    }
}
