package dev.haven.smb.server;

import dev.haven.smb.wire.EchoRequest;
import dev.haven.smb.wire.EchoResponse;

/** [MS-SMB2] 3.3.5.17: ECHO. */
final class EchoHandler {
    Reply handle(RequestContext ctx, EchoRequest req) {
        return Reply.ok(new EchoResponse());
    }
}
