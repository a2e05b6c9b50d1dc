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
        // [MS-SMB2] 3.3.5.6: the session ends on every channel and its opens are closed with it,
        // except durable opens, which wait for a reconnect (as Samba; smb2.durable-open.reopen4).
        ctx.server().sessions().abandon(s, ctx.server());
        return Reply.ok(new LogoffResponse());
    }
}
