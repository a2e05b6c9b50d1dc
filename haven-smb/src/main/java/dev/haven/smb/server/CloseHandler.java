package dev.haven.smb.server;

import dev.haven.files.service.FileAttributes;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.CloseResponse;
import dev.haven.smb.wire.FileTimes;

/** [MS-SMB2] 3.3.5.10: CLOSE, with the attributes after the close when POSTQUERY_ATTRIB asks for them. */
final class CloseHandler {
    Reply handle(RequestContext ctx, CloseRequest req) throws SmbStatusException {
        if (IpcPipes.isIpc(ctx)) {
            return IpcPipes.close(ctx, req);
        }
        SmbOpen open = Opens.find(ctx, req.fileId());
        ctx.connection.pending.cancelAll(p -> open.fileId().equals(p.context().fileId),
                PendingRequest.CancelReason.CLOSE);
        ctx.session.removeOpen(open);
        ctx.server().breaks().closed(open);
        FileAttributes a = ctx.server().fileService().close(open.open());
        if ((req.flags() & CloseRequest.POSTQUERY_ATTRIB) == 0) {
            return Reply.ok(new CloseResponse(0, FileTimes.ZERO, 0, 0, 0));
        }
        return Reply.ok(new CloseResponse(CloseRequest.POSTQUERY_ATTRIB, InfoEncoding.times(a), a.allocationSize(),
                a.size(), a.dosAttributes()));
    }
}
