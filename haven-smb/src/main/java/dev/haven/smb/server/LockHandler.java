package dev.haven.smb.server;

import dev.haven.files.lock.LockRequest;
import dev.haven.smb.wire.LockResponse;
import dev.haven.smb.wire.NtStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.14: LOCK through the lock engine. All elements unlock, or all lock. A blocking
 * lock (no FAIL_IMMEDIATELY) that conflicts is answered STATUS_LOCK_NOT_GRANTED at once: Haven
 * does not send asynchronous replies yet.
 */
final class LockHandler {
    private static final int SHARED = dev.haven.smb.wire.LockRequest.SHARED_LOCK;
    private static final int EXCLUSIVE = dev.haven.smb.wire.LockRequest.EXCLUSIVE_LOCK;
    private static final int UNLOCK = dev.haven.smb.wire.LockRequest.UNLOCK;
    private static final int FAIL = dev.haven.smb.wire.LockRequest.FAIL_IMMEDIATELY;

    Reply handle(RequestContext ctx, dev.haven.smb.wire.LockRequest req) throws SmbStatusException {
        SmbOpen open = Opens.find(ctx, req.fileId());
        boolean unlocking = req.locks().get(0).flags() == UNLOCK;
        List<LockRequest> wanted = new ArrayList<>();
        for (dev.haven.smb.wire.LockRequest.Element e : req.locks()) {
            int f = e.flags();
            if (unlocking) {
                if (f != UNLOCK) {
                    throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "lock flags 0x" + Integer.toHexString(f));
                }
                ctx.server().fileService().unlock(open.open(), e.offset(), e.length());
                continue;
            }
            int kind = f & ~FAIL;
            if (kind != SHARED && kind != EXCLUSIVE) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "lock flags 0x" + Integer.toHexString(f));
            }
            if (req.locks().size() > 1 && (f & FAIL) == 0) {
                // [MS-SMB2] 3.3.5.14.2: several locks at once must all fail immediately; only a
                // single lock may wait.
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "blocking lock in a multi-lock request");
            }
            wanted.add(new LockRequest(e.offset(), e.length(), kind == EXCLUSIVE));
        }
        if (!wanted.isEmpty()) {
            ctx.server().fileService().lock(open.open(), wanted);
        }
        return Reply.ok(new LockResponse());
    }
}
