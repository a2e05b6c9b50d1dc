package dev.haven.smb.server;

import dev.haven.files.service.FileAttributes;
import dev.haven.files.service.NormalizedName;
import dev.haven.smb.wire.ErrorResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.QueryInfoRequest;
import dev.haven.smb.wire.QueryInfoResponse;
import dev.haven.smb.wire.WireWriter;

/**
 * [MS-SMB2] 3.3.5.20: QUERY_INFO for file (3.3.5.20.1), file-system (3.3.5.20.2) and security
 * (3.3.5.20.3) information. Quotas are not supported.
 */
final class QueryInfoHandler {
    Reply handle(RequestContext ctx, QueryInfoRequest req) throws SmbStatusException {
        SmbOpen open = Opens.find(ctx, req.fileId());
        return switch (req.infoType()) {
            case QueryInfoRequest.INFO_FILE -> {
                FileInfoAccess.check(req.fileInfoClass(), open.open().granted());
                if (req.fileInfoClass() == FileInfoClasses.STREAM) {
                    yield FileInfoClasses.streams(ctx.server().fileService().streams(open.open()))
                            .reply(req.outputBufferLength());
                }
                if (req.fileInfoClass() == EaQuery.FULL_EA) {
                    yield EaQuery.query(open, req);
                }
                if (req.fileInfoClass() == FileInfoClasses.NORMALIZED_NAME) {
                    yield FileInfoClasses.normalizedName(ctx.connection.dialect, NormalizedName.of(open.open(), '\\'))
                            .reply(req.outputBufferLength());
                }
                FileAttributes a = ctx.server().fileService().attributes(open.open());
                yield FileInfoClasses.encode(req.fileInfoClass(), open, a).reply(req.outputBufferLength());
            }
            case QueryInfoRequest.INFO_FILESYSTEM -> FsInfoClasses.encode(req.fileInfoClass(),
                    ctx.server().fileService().statfs(open.open().share()), ctx.tree.share().name())
                    .reply(req.outputBufferLength());
            case QueryInfoRequest.INFO_SECURITY -> security(ctx, open, req);
            default -> throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "info type " + req.infoType());
        };
    }

    /** [MS-SMB2] 3.3.5.20.3: too small a buffer is STATUS_BUFFER_TOO_SMALL with the size needed as error data. */
    private static Reply security(RequestContext ctx, SmbOpen open, QueryInfoRequest req) {
        byte[] sd = ctx.server().fileService().securityDescriptor(open.open(), req.additionalInformation()).encode();
        if (Integer.toUnsignedLong(req.outputBufferLength()) < sd.length) {
            byte[] needed = new WireWriter().u32(sd.length).toByteArray();
            return new Reply.Respond(NtStatus.BUFFER_TOO_SMALL, new ErrorResponse(0, needed));
        }
        return Reply.ok(new QueryInfoResponse(sd));
    }
}
