package dev.haven.smb.server;

import dev.haven.files.notify.NotifyChange;
import dev.haven.files.notify.NotifyFilter;
import dev.haven.files.notify.NotifyOutcome;
import dev.haven.files.notify.Watch;
import dev.haven.smb.Dialect;
import dev.haven.smb.wire.ChangeNotifyRequest;
import dev.haven.smb.wire.ChangeNotifyResponse;
import dev.haven.smb.wire.NtStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * [MS-SMB2] 3.3.5.19: CHANGE_NOTIFY through the file service's watch on the directory open
 * ([MS-FSA] 2.1.5.10). Changes buffered since the previous request answer at once; otherwise the
 * request goes asynchronous and is answered by the next change, or withdrawn: CANCEL answers
 * STATUS_CANCELLED, CLOSE, LOGOFF and TREE_DISCONNECT answer STATUS_NOTIFY_CLEANUP.
 */
final class ChangeNotifyHandler {
    private static final ChangeNotifyResponse EMPTY = new ChangeNotifyResponse(List.of());

    Reply handle(RequestContext ctx, ChangeNotifyRequest req) throws SmbStatusException {
        SmbOpen open = Opens.find(ctx, req.fileId());
        int max = ctx.connection.dialect == Dialect.SMB_2_0_2 ? NegotiateHandler.SMALL_IO_SIZE : NegotiateHandler.MAX_IO_SIZE;
        if (Integer.toUnsignedLong(req.outputBufferLength()) > max) {
            // [MS-SMB2] 3.3.5.19: more than MaxTransactSize is STATUS_INVALID_PARAMETER.
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "OutputBufferLength " + req.outputBufferLength());
        }
        Watch watch = ctx.server().fileService().changes().watch(open.open(), new NotifyFilter(req.completionFilter()),
                req.watchTree(), req.outputBufferLength());
        CompletableFuture<NotifyOutcome> next = watch.next(req.outputBufferLength());
        if (next.isDone()) {
            return reply(next.join());
        }
        PendingRequest pending;
        try {
            pending = ctx.goAsync((request, reason) -> watch.withdraw(next,
                    reason == PendingRequest.CancelReason.CANCEL ? new NotifyOutcome.Cancelled()
                            : new NotifyOutcome.Cleanup()));
        } catch (SmbStatusException e) {
            watch.withdraw(next, new NotifyOutcome.Cancelled()); // so no change is handed to a request never sent
            throw e;
        }
        next.thenAccept(outcome -> {
            Reply.Respond r = reply(outcome);
            pending.complete(r.status(), r.body());
        });
        return pending.interim();
    }

    /** The response for an outcome. */
    static Reply.Respond reply(NotifyOutcome outcome) {
        return switch (outcome) {
            case NotifyOutcome.Changes c -> new Reply.Respond(NtStatus.SUCCESS, response(c.changes()));
            case NotifyOutcome.EnumDir e -> new Reply.Respond(NtStatus.NOTIFY_ENUM_DIR, EMPTY);
            case NotifyOutcome.Cleanup e -> new Reply.Respond(NtStatus.NOTIFY_CLEANUP, EMPTY);
            case NotifyOutcome.DeletePending e -> new Reply.Respond(NtStatus.DELETE_PENDING, null);
            case NotifyOutcome.Cancelled e -> new Reply.Respond(NtStatus.CANCELLED, null);
        };
    }

    private static ChangeNotifyResponse response(List<NotifyChange> changes) {
        List<ChangeNotifyResponse.Entry> entries = new ArrayList<>(changes.size());
        for (NotifyChange c : changes) {
            entries.add(new ChangeNotifyResponse.Entry(c.action().code(), c.name()));
        }
        return new ChangeNotifyResponse(entries);
    }
}
