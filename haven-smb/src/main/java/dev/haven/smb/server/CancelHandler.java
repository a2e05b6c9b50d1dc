package dev.haven.smb.server;

import dev.haven.smb.wire.CancelRequest;

/**
 * [MS-SMB2] 3.3.5.16: CANCEL withdraws a pending request of this connection, named by AsyncId
 * (async form) or by MessageId (sync form, the request not yet known to have gone async). The
 * withdrawn request answers for itself (usually STATUS_CANCELLED); CANCEL is never answered.
 */
final class CancelHandler {
    Reply handle(RequestContext ctx, CancelRequest req) {
        PendingRequests pending = ctx.connection.pending;
        PendingRequest target = ctx.header.isAsync() ? pending.byAsyncId(ctx.header.asyncId())
                : pending.byMessageId(ctx.header.messageId());
        if (target != null) {
            target.cancel(PendingRequest.CancelReason.CANCEL);
        }
        return new Reply.None();
    }
}
