package dev.haven.smb.server;

import dev.haven.files.FileServiceException;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.lock.LockSequenceTable;
import dev.haven.files.lock.PendingLock;
import dev.haven.smb.wire.LockResponse;
import dev.haven.smb.wire.NtStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * [MS-SMB2] 3.3.5.14: LOCK through the lock engine. All elements unlock, or all lock. A blocking
 * lock (a single element without FAIL_IMMEDIATELY) that conflicts goes asynchronous and is
 * answered when the lock is granted, or when CANCEL, LOGOFF, TREE_DISCONNECT or CLOSE withdraws it.
 */
final class LockHandler {
    private static final int SHARED = dev.haven.smb.wire.LockRequest.SHARED_LOCK;
    private static final int EXCLUSIVE = dev.haven.smb.wire.LockRequest.EXCLUSIVE_LOCK;
    private static final int UNLOCK = dev.haven.smb.wire.LockRequest.UNLOCK;
    private static final int FAIL = dev.haven.smb.wire.LockRequest.FAIL_IMMEDIATELY;

    /**
     * [MS-SMB2] 3.3.5.14: on SMB 3.x (this server offers multichannel there, so any open may see
     * a request again on another channel; durable opens after a reconnect), and on a resilient
     * open of SMB 2.1, a LOCK whose LockSequence bucket already
     * records its sequence number is a replay after a channel failure: it succeeds without
     * locking again. The bucket is invalidated before the request runs and set when it succeeds.
     */
    Reply handle(RequestContext ctx, dev.haven.smb.wire.LockRequest req) throws SmbStatusException {
        SmbOpen open = Opens.find(ctx, req.fileId());
        DurableContexts.Granted d = open.durable();
        if (!ctx.connection.dialect.isSmb3() && (d == null || !d.resilient())) {
            return lock(ctx, open, req);
        }
        LockSequenceTable sequences = open.lockSequences();
        synchronized (sequences) {
            if (sequences.isReplay(req.lockSequence())) {
                return Reply.ok(new LockResponse());
            }
            sequences.beginProcessing(req.lockSequence());
        }
        Reply r = lock(ctx, open, req);
        if (r instanceof Reply.Respond done && NtStatus.SUCCESS.equals(done.status())) {
            synchronized (sequences) {
                sequences.recordSuccess(req.lockSequence());
            }
        }
        return r;
    }

    private Reply lock(RequestContext ctx, SmbOpen open, dev.haven.smb.wire.LockRequest req) throws SmbStatusException {
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
        if (wanted.size() == 1 && (req.locks().get(0).flags() & FAIL) == 0) {
            return lockOrWait(ctx, open, wanted.get(0));
        }
        if (!wanted.isEmpty()) {
            ctx.server().fileService().lock(open.open(), wanted);
        }
        return Reply.ok(new LockResponse());
    }

    /** [MS-SMB2] 3.3.5.14.2: a blocking lock waits for the range, asynchronously. */
    private static Reply lockOrWait(RequestContext ctx, SmbOpen open, LockRequest wanted) throws SmbStatusException {
        PendingLock waiting = ctx.server().fileService().lockOrWait(open.open(), wanted);
        if (waiting.isGranted()) {
            return Reply.ok(new LockResponse());
        }
        // The status a withdrawal answers with; set before the wait is cancelled, read when the
        // cancellation completes the wait (on the same thread, inside PendingLock.cancel()).
        AtomicReference<NtStatus> withdrawn = new AtomicReference<>();
        PendingRequest pending = ctx.goAsync((request, reason) -> {
            // [MS-SMB2] 3.3.5.16: CANCEL answers STATUS_CANCELLED; a lock that loses its handle to
            // LOGOFF, TREE_DISCONNECT or CLOSE answers STATUS_RANGE_NOT_LOCKED (as Windows does).
            withdrawn.set(reason == PendingRequest.CancelReason.CANCEL ? NtStatus.CANCELLED : NtStatus.RANGE_NOT_LOCKED);
            waiting.cancel(); // false if granted meanwhile: then the grant answers SUCCESS
        });
        waiting.future().whenComplete((lock, failure) -> {
            if (failure == null) {
                try {
                    ctx.server().fileService().lockGranted(open.open(), wanted);
                } catch (FileServiceException e) {
                    pending.fail(FileServiceStatus.of(e.error()));
                    return;
                }
                pending.complete(NtStatus.SUCCESS, new LockResponse());
            } else {
                NtStatus why = withdrawn.get();
                pending.fail(why != null ? why : statusOf(failure));
            }
        });
        return pending.interim();
    }

    private static NtStatus statusOf(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        return cause instanceof FileServiceException e ? FileServiceStatus.of(e.error()) : NtStatus.INTERNAL_ERROR;
    }
}
