package dev.haven.smb.server;

import dev.haven.smb.wire.LogoffRequest;
import dev.haven.smb.wire.LogoffResponse;

/**
 * [MS-SMB2] 3.3.5.6: LOGOFF. The session leaves the global table and every connection now; the
 * response is still signed or encrypted with its keys, which the request context keeps.
 */
final class LogoffHandler {
    Reply handle(RequestContext ctx, LogoffRequest req) {
        Session s = ctx.session;
        ctx.connection.pending.cancelAll(p -> p.context().session == s, PendingRequest.CancelReason.LOGOFF);
        // [MS-SMB2] 3.3.5.6: the session ends on every channel and its opens are closed with it.
        ctx.connection.removeSession(ctx.session);
        return Reply.ok(new LogoffResponse());
    }
}
