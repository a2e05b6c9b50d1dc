package dev.haven.smb.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * [MS-SMB2] 3.3.1.7 Connection.AsyncCommandList: the connection's requests that went
 * asynchronous, by AsyncId. Touched only on the connection's serial executor. The number of
 * pending requests is bounded: a client cannot make the server hold unbounded state.
 */
final class PendingRequests {
    /** At most this many requests wait at once on one connection (Samba allows a few thousand too). */
    static final int LIMIT = 4096;

    private final Map<Long, PendingRequest> byAsyncId = new LinkedHashMap<>();
    private long nextAsyncId = 1;

    /**
     * Registers the request of {@code ctx} as pending, or returns null when the connection already
     * holds {@link #LIMIT} pending requests (the caller then answers STATUS_INSUFFICIENT_RESOURCES).
     */
    PendingRequest add(RequestContext ctx, PendingRequest.Canceller canceller) {
        if (byAsyncId.size() >= LIMIT) {
            return null;
        }
        PendingRequest p = new PendingRequest(nextAsyncId++, ctx, canceller);
        byAsyncId.put(p.asyncId(), p);
        return p;
    }

    void remove(PendingRequest p) {
        byAsyncId.remove(p.asyncId(), p);
    }

    PendingRequest byAsyncId(long asyncId) {
        return byAsyncId.get(asyncId);
    }

    /** [MS-SMB2] 3.3.5.16: a CANCEL without the async flag names its target by MessageId. */
    PendingRequest byMessageId(long messageId) {
        for (PendingRequest p : byAsyncId.values()) {
            if (p.context().header.messageId() == messageId) {
                return p;
            }
        }
        return null;
    }

    /** Cancels every pending request that {@code which} selects. */
    void cancelAll(Predicate<PendingRequest> which, PendingRequest.CancelReason reason) {
        List<PendingRequest> chosen = new ArrayList<>();
        for (PendingRequest p : byAsyncId.values()) {
            if (which.test(p)) {
                chosen.add(p);
            }
        }
        for (PendingRequest p : chosen) {
            p.cancel(reason);
        }
    }

    int size() {
        return byAsyncId.size();
    }
}
