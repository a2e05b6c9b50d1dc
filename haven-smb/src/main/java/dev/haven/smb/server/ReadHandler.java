package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.ReadResponse;
import java.nio.ByteBuffer;

/**
 * [MS-SMB2] 3.3.5.12: READ straight into the response message, which is sent as it is (no copy).
 * Reading at or past the end, or less than MinimumCount, is STATUS_END_OF_FILE.
 */
final class ReadHandler {
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
        // Read straight into the response message, after its header and fixed fields.
        byte[] message = new byte[ReadResponse.DATA_OFFSET + (int) length];
        ByteBuffer dst = ByteBuffer.wrap(message, ReadResponse.DATA_OFFSET, (int) length).slice();
        while (dst.hasRemaining()) {
            if (ctx.server().fileService().read(open.open(), req.offset() + dst.position(), dst) <= 0) {
                break;
            }
        }
        int n = dst.position();
        if ((n == 0 && length > 0) || Integer.toUnsignedLong(n) < Integer.toUnsignedLong(req.minimumCount())) {
            throw new SmbStatusException(NtStatus.END_OF_FILE, "READ at " + req.offset());
        }
        // [MS-FSCC] 2.4.39 ties CurrentByteOffset to synchronous opens; like Samba (and smbtorture's
        // smb2.read.position against a non-Windows server), a READ that returns data moves it; WRITE does not.
        if (n > 0) {
            open.position(req.offset() + n);
        }
        return Reply.ok(ReadResponse.inPlace(message, n));
    }
}
