package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.ReadResponse;
import java.nio.ByteBuffer;

/**
 * [MS-SMB2] 3.3.5.12: READ. Data of {@link #LEND_THRESHOLD} bytes or more is read straight into
 * memory the transport lends for the response, which is sent from there; smaller reads use a heap
 * buffer. Reading at or past the end, or less than MinimumCount, is STATUS_END_OF_FILE.
 */
final class ReadHandler {
    /** Below this, copying costs less than lending transport memory. */
    static final int LEND_THRESHOLD = 64 * 1024;

    Reply handle(RequestContext ctx, ReadRequest req) throws SmbStatusException {
        if (IpcPipes.isIpc(ctx)) {
            return IpcPipes.read(ctx, req);
        }
        SmbOpen open = Opens.find(ctx, req.fileId());
        if (open.open().isDirectory()) {
            throw new SmbStatusException(NtStatus.INVALID_DEVICE_REQUEST, "READ of a directory");
        }
        long length = Integer.toUnsignedLong(req.length());
        if (length > NegotiateHandler.MAX_IO_SIZE || req.offset() < 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "READ of " + length + " at " + req.offset());
        }
        OutboundBuffer lent = length >= LEND_THRESHOLD
                ? ctx.connection.output.lend(ReadResponse.DATA_OFFSET + (int) length) : null;
        ByteBuffer dst = lent != null ? lent.message().slice(ReadResponse.DATA_OFFSET, (int) length)
                : ByteBuffer.allocate((int) length);
        try {
            read(ctx, open, req, dst);
        } catch (SmbStatusException | RuntimeException e) {
            if (lent != null) {
                lent.release();
            }
            throw e;
        }
        ctx.lent = lent;
        return Reply.ok(new ReadResponse(dst.flip()));
    }

    private static void read(RequestContext ctx, SmbOpen open, ReadRequest req, ByteBuffer dst) throws SmbStatusException {
        while (dst.hasRemaining()) {
            if (ctx.server().fileService().read(open.open(), req.offset() + dst.position(), dst) <= 0) {
                break;
            }
        }
        int n = dst.position();
        if ((n == 0 && dst.capacity() > 0) || Integer.toUnsignedLong(n) < Integer.toUnsignedLong(req.minimumCount())) {
            throw new SmbStatusException(NtStatus.END_OF_FILE, "READ at " + req.offset());
        }
        // [MS-FSCC] 2.4.39 ties CurrentByteOffset to synchronous opens; like Samba (and smbtorture's
        // smb2.read.position against a non-Windows server), a READ that returns data moves it; WRITE does not.
        if (n > 0) {
            open.position(req.offset() + n);
        }
    }
}
