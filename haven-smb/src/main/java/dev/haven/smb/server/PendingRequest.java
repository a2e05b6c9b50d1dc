package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2Response;

/**
 * [MS-SMB2] 3.3.4.2: a request that went asynchronous. It got an interim STATUS_PENDING response
 * carrying its AsyncId; its final response goes out when the handler {@link #complete}s it, from
 * any thread. CANCEL, LOGOFF, TREE_DISCONNECT and the end of the connection reach the handler
 * through its {@link Canceller}, which must release what the request waits for and, unless the
 * connection is gone, complete the request (usually with STATUS_CANCELLED).
 */
final class PendingRequest {
    /** Why a pending request is being withdrawn. */
    enum CancelReason {
        /** [MS-SMB2] 3.3.5.16: the client sent CANCEL. */
        CANCEL,
        /** [MS-SMB2] 3.3.5.6: its session logged off. */
        LOGOFF,
        /** [MS-SMB2] 3.3.5.8: its tree was disconnected. */
        TREE_DISCONNECT,
        /** The open it runs on was closed. */
        CLOSE,
        /** [MS-SMB2] 3.3.7.1: the transport is gone; nothing can be sent any more. */
        DISCONNECT,
        /** [MS-SMB2] 3.3.5.2.7: it cannot go asynchronous where it stands in its compound; it is answered at once. */
        COMPOUND
    }

    /** What a handler does when its pending request is withdrawn. */
    @FunctionalInterface
    interface Canceller {
        void cancel(PendingRequest request, CancelReason reason);
    }

    private final long asyncId;
    private final RequestContext ctx;
    private final Canceller canceller;
    /** Set on the serial executor when the final response is sent or the request is dropped. */
    private boolean finished;

    PendingRequest(long asyncId, RequestContext ctx, Canceller canceller) {
        this.asyncId = asyncId;
        this.ctx = ctx;
        this.canceller = canceller;
    }

    long asyncId() {
        return asyncId;
    }

    RequestContext context() {
        return ctx;
    }

    /** The interim answer the handler returns: STATUS_PENDING with this AsyncId. */
    Reply interim() {
        return new Reply.Pending(this);
    }

    /** Sends the final response (once; later calls do nothing). Safe from any thread. */
    void complete(NtStatus status, Smb2Response body) {
        Connection c = ctx.connection;
        c.output.execute(() -> {
            if (finish()) {
                c.output.send(FrameProcessor.asyncFinal(this, new Reply.Respond(status, body)));
            }
        });
    }

    /** Completes with a status only (the ERROR body). */
    void fail(NtStatus status) {
        complete(status, null);
    }

    /**
     * Withdraws the request for {@code reason}; on the serial executor. After DISCONNECT the
     * request is finished here, whatever the handler answers: there is no one to answer.
     */
    void cancel(CancelReason reason) {
        if (!finished) {
            canceller.cancel(this, reason);
            if (reason == CancelReason.DISCONNECT) {
                finish();
            }
        }
    }

    /**
     * Withdraws the request before its interim response was sent: the handler releases what it
     * waits for, and whatever it completes with is dropped, as the caller answers it instead.
     */
    void abandon() {
        if (finish()) {
            canceller.cancel(this, CancelReason.COMPOUND);
        }
    }

    /** Marks the request finished and takes it out of its connection's table; false if it already was. */
    boolean finish() {
        if (finished) {
            return false;
        }
        finished = true;
        ctx.connection.pending.remove(this);
        return true;
    }
}
