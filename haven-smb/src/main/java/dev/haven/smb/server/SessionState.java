package dev.haven.smb.server;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * [MS-SMB2] 3.3.1.8 Session.State.
 *
 * <pre>
 *   IN_PROGRESS --success--> VALID --logoff/close--> CLOSED
 *        |  ^                  |
 *        |  +----reauth--------+
 *        +---failure/close---> CLOSED
 * </pre>
 */
enum SessionState {
    IN_PROGRESS,
    VALID,
    CLOSED;

    private static final Map<SessionState, Set<SessionState>> ALLOWED = Map.of(
            IN_PROGRESS, EnumSet.of(VALID, CLOSED),
            VALID, EnumSet.of(IN_PROGRESS, CLOSED),
            CLOSED, EnumSet.noneOf(SessionState.class));

    /** Checks a transition; an illegal one is a bug in the server. */
    SessionState to(SessionState next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new IllegalStateException("session cannot go from " + this + " to " + next);
        }
        return next;
    }
}
