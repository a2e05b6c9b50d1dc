package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.UnsupportedRequest;

/**
 * Commands that need the file service, which does not exist yet: answered with
 * STATUS_NOT_SUPPORTED, never a disconnect.
 */
final class UnsupportedHandler {
    Reply handle(RequestContext ctx, UnsupportedRequest req) throws SmbStatusException {
        throw new SmbStatusException(NtStatus.NOT_SUPPORTED, req.command() + " needs the file service");
    }
}
