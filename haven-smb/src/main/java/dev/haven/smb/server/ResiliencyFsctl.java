package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.NtStatus;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;

/**
 * [MS-SMB2] 3.3.5.15.9 FSCTL_LMR_REQUEST_RESILIENCY (input 2.2.31.3 NETWORK_RESILIENCY_REQUEST:
 * Timeout u32 milliseconds, Reserved u32): the open becomes resilient. A resilient open is kept
 * after its connection drops, whatever its oplock or lease, for its resiliency timeout, and is
 * reclaimed with a durable v1 reconnect (DHnC, 3.3.5.9.7); its LOCKs are checked for replays by
 * lock sequence on SMB 2.1 too (3.3.5.14).
 */
final class ResiliencyFsctl {
    /** The longest resiliency this server grants (the same cap as durable v2 timeouts). */
    static final Duration MAX_TIMEOUT = DurableContexts.V2_MAX_TIMEOUT;
    /** What a Timeout of 0 gets (Windows' default, 2 minutes). */
    static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    private static final int REQUEST_SIZE = 8;

    private ResiliencyFsctl() {
    }

    static Reply request(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        if (ctx.connection.dialect == Dialect.SMB_2_0_2) {
            throw new SmbStatusException(NtStatus.INVALID_DEVICE_REQUEST, "resiliency needs SMB 2.1 or later");
        }
        byte[] in = req.input();
        if (in.length < REQUEST_SIZE) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "NETWORK_RESILIENCY_REQUEST of " + in.length + " bytes");
        }
        long asked = Integer.toUnsignedLong(ByteBuffer.wrap(in).order(ByteOrder.LITTLE_ENDIAN).getInt(0));
        if (asked > MAX_TIMEOUT.toMillis()) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "resiliency timeout " + asked + " ms above "
                    + MAX_TIMEOUT.toMillis());
        }
        Duration timeout = asked == 0 ? DEFAULT_TIMEOUT : Duration.ofMillis(asked);
        DurableContexts.Granted d = open.durable();
        open.durable(new DurableContexts.Granted(timeout, d == null ? null : d.createGuid(),
                d == null ? BreakSender.clientGuid(ctx.connection) : d.client(),
                d == null ? ctx.server().breaks().leaseKeyOf(open) : d.leaseKey(),
                d != null && d.persistent(), true));
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], new byte[0]));
    }
}
