package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.WriteRequest;
import dev.haven.smb.wire.WriteResponse;

/** [MS-SMB2] 3.3.5.13: WRITE straight from the request bytes (a view, no copy). */
final class WriteHandler {
    Reply handle(RequestContext ctx, WriteRequest req) throws SmbStatusException {
        if (IpcPipes.isIpc(ctx)) {
            return IpcPipes.write(ctx, req);
        }
        SmbOpen open = Opens.find(ctx, req.fileId());
        if (open.open().isDirectory()) {
            throw new SmbStatusException(NtStatus.INVALID_DEVICE_REQUEST, "WRITE to a directory");
        }
        // The file service checks the offsets ([MS-FSA] 2.1.5.3).
        // On a continuously available share every write is stable before it is answered (as
        // Windows writes through on CA shares), so a server restart loses nothing acknowledged.
        boolean writeThrough = (req.flags() & WriteRequest.WRITE_THROUGH) != 0 || ctx.tree.share().continuouslyAvailable();
        int n = ctx.server().fileService().write(open.open(), req.offset(), req.data().duplicate(), writeThrough);
        return Reply.ok(new WriteResponse(n));
    }
}
