package dev.haven.smb.server;

import dev.haven.files.LeaseKey;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.smb.wire.LeaseBreakAck;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.OplockBreak;

/**
 * [MS-SMB2] 3.3.5.22: OPLOCK_BREAK acknowledgments. An oplock acknowledgment names its open and
 * the level the client went down to; a lease acknowledgment names the lease key and its new
 * state. The file service checks that a break is outstanding and maps its errors.
 */
final class OplockBreakHandler {

    /** [MS-SMB2] 3.3.5.22.1: acknowledges an oplock break; answers with the level now held. */
    Reply handle(RequestContext ctx, OplockBreak ack) throws SmbStatusException {
        SmbOpen open = Opens.find(ctx, ack.fileId());
        OplockLevel level = switch (ack.oplockLevel()) {
            case 0x00 -> OplockLevel.NONE;
            case 0x01 -> OplockLevel.LEVEL_II;
            default -> throw new SmbStatusException(NtStatus.INVALID_PARAMETER,
                    "oplock acknowledgment to level 0x" + Integer.toHexString(ack.oplockLevel()));
        };
        ctx.server().fileService().leases().acknowledgeOplock(open.open().id(), level);
        OplockLevel now = ctx.server().fileService().leases().oplockOf(open.open().id());
        return Reply.ok(new OplockBreak(now.code(), open.fileId()));
    }

    /**
     * [MS-SMB2] 3.3.5.22.2: acknowledges a lease break; answers with the state acknowledged,
     * which Lease.LeaseState becomes (a further break, if one is due, follows as a notification:
     * smb2.lease.breaking3).
     */
    Reply handle(RequestContext ctx, LeaseBreakAck ack) {
        LeaseKey key = new LeaseKey(ack.leaseKey().first(), ack.leaseKey().second());
        ctx.server().fileService().leases().acknowledgeLease(BreakSender.clientGuid(ctx.connection),
                key, LeaseState.of(ack.leaseState()));
        return Reply.ok(new LeaseBreakAck(0, ack.leaseKey(), ack.leaseState()));
    }
}
