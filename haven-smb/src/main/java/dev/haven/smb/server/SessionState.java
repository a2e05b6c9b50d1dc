package dev.haven.smb.server;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * [MS-SMB2] 3.3.1.8 Session.State. A re-authentication of a VALID session does not leave
 * VALID: the session stays usable while the new exchange runs and keeps its keys
 * (3.3.5.5.3; Windows and Samba behave so). An EXPIRED session (3.3.5.2.9) becomes VALID again
 * by re-authenticating.
 *
 * <pre>
 *   IN_PROGRESS --success--> VALID --ExpirationTime passed--> EXPIRED
 *        |                     |  ^---------reauth success-------+
 *        |                     |                                 |
 *        +---failure/close-----+--logoff/close/failed reauth-----+--> CLOSED
 * </pre>
 */
enum SessionState {
    IN_PROGRESS,
    VALID,
    EXPIRED,
    CLOSED;

    private static final Map<SessionState, Set<SessionState>> ALLOWED = Map.of(
            IN_PROGRESS, EnumSet.of(VALID, CLOSED),
            VALID, EnumSet.of(EXPIRED, CLOSED),
            EXPIRED, EnumSet.of(VALID, CLOSED),
            CLOSED, EnumSet.noneOf(SessionState.class));

    /** Checks a transition; an illegal one is a bug in the server. */
    SessionState to(SessionState next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new IllegalStateException("session cannot go from " + this + " to " + next);
        }
        return next;
    }
}
