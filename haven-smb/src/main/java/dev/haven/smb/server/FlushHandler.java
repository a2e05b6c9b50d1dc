package dev.haven.smb.server;

import dev.haven.smb.wire.FlushRequest;
import dev.haven.smb.wire.FlushResponse;
import dev.haven.smb.wire.NtStatus;

/** [MS-SMB2] 3.3.5.11: FLUSH needs write access and makes the file durable through HavenFS. */
final class FlushHandler {
    Reply handle(RequestContext ctx, FlushRequest req) throws SmbStatusException {
        SmbOpen open = Opens.find(ctx, req.fileId());
        if (!open.open().granted().canWrite()) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "FLUSH without write access");
        }
        ctx.server().fileService().flush(open.open());
        return Reply.ok(new FlushResponse());
    }
}
