package dev.haven.smb.server;

import dev.haven.smb.wire.CancelRequest;

/**
 * [MS-SMB2] 3.3.5.16: CANCEL. Nothing runs asynchronously yet, so there is nothing to cancel;
 * CANCEL is never answered either way.
 */
final class CancelHandler {
    Reply handle(RequestContext ctx, CancelRequest req) {
        return new Reply.None();
    }
}
