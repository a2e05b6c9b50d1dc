package dev.haven.files.lease;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a caching holder (an oplock or a lease), checked on every change.
 *
 * <pre>
 *            break needing ack           ack / timeout (nothing more to break)
 *   HELD ---------------------&gt; BREAKING ---------------------------------&gt; HELD
 *     |                          |   ^  |
 *     |                          +---+  | ack leaves more to break: break again
 *     | last open closed                | last open closed
 *     v                                 v
 *   GONE &lt;------------------------------+
 * </pre>
 */
enum HolderPhase {
    /** Caching granted, no break outstanding ([MS-SMB2] Open.OplockState Held). */
    HELD,
    /** A break was sent and its acknowledgment is awaited ([MS-SMB2] Open.OplockState Breaking, Lease.Breaking). */
    BREAKING,
    /** All opens of the holder closed; it is forgotten. */
    GONE;

    private static final Map<HolderPhase, Set<HolderPhase>> ALLOWED = Map.of(
            HELD, EnumSet.of(BREAKING, GONE),
            BREAKING, EnumSet.of(HELD, BREAKING, GONE),
            GONE, EnumSet.noneOf(HolderPhase.class));

    /** Returns {@code next} if this phase may move to it, else throws: a broken invariant is our bug. */
    HolderPhase to(HolderPhase next) {
        if (!ALLOWED.get(this).contains(next)) {
            throw new IllegalStateException("holder cannot go from " + this + " to " + next);
        }
        return next;
    }
}
