package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2Response;
import java.time.Duration;

/** What a handler answers: a response with its status, an interim response (async), or nothing (CANCEL). */
sealed interface Reply {
    /** A response; {@code delay} holds it back (logon throttling) without blocking anything. */
    record Respond(NtStatus status, Smb2Response body, Duration delay) implements Reply {
        Respond(NtStatus status, Smb2Response body) {
            this(status, body, Duration.ZERO);
        }
    }

    /**
     * [MS-SMB2] 3.3.4.2: the request went asynchronous: an interim STATUS_PENDING response with
     * its AsyncId now, the final response when the {@link PendingRequest} completes.
     */
    record Pending(PendingRequest request) implements Reply {
    }

    /** No response at all ([MS-SMB2] 3.3.5.16: CANCEL is never answered). */
    record None() implements Reply {
    }

    static Reply ok(Smb2Response body) {
        return new Respond(NtStatus.SUCCESS, body);
    }
}
