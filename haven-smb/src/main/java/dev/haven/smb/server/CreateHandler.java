package dev.haven.smb.server;

import dev.haven.files.AccessMask;
import dev.haven.files.ShareAccess;
import dev.haven.files.service.CreateDisposition;
import dev.haven.files.service.FileAttributes;
import dev.haven.files.service.OpenOptions;
import dev.haven.files.service.OpenResult;
import dev.haven.files.service.Principal;
import dev.haven.files.service.Share;
import dev.haven.files.service.SharePath;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.NtStatus;

/**
 * [MS-SMB2] 3.3.5.9: CREATE. The name is relative to the share root; of the create contexts only
 * TWrp is served ({@link PreviousVersions}), the others are ignored (3.3.5.9: unknown contexts are
 * ignored). No oplock or lease
 * is granted (OplockLevel NONE).
 */
final class CreateHandler {
    /** [MS-SMB2] 2.2.13: ImpersonationLevel above Delegation (3) is invalid. */
    private static final int MAX_IMPERSONATION = 3;

    Reply handle(RequestContext ctx, CreateRequest req) throws SmbStatusException {
        Share share = Opens.share(ctx);
        if (req.impersonationLevel() < 0 || req.impersonationLevel() > MAX_IMPERSONATION) {
            // [MS-SMB2] 3.3.5.9: an ImpersonationLevel outside 2.2.13's set is STATUS_BAD_IMPERSONATION_LEVEL.
            throw new SmbStatusException(NtStatus.BAD_IMPERSONATION_LEVEL, "impersonation level " + req.impersonationLevel());
        }
        if (req.name().startsWith("\\")) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "CREATE name with a leading backslash");
        }
        // [MS-SMB2] 2.2.13.2.7 TWrp and @GMT- path tokens: the open may go to a previous version.
        PreviousVersions.Target target = PreviousVersions.resolve(ctx.tree.share(), share, req);
        share = target.share();
        SharePath path = target.path();
        int options = req.createOptions();
        OpenOptions openOptions = new OpenOptions((options & CreateRequest.FILE_DIRECTORY_FILE) != 0,
                (options & CreateRequest.FILE_NON_DIRECTORY_FILE) != 0,
                (options & CreateRequest.FILE_DELETE_ON_CLOSE) != 0,
                (options & CreateRequest.FILE_WRITE_THROUGH) != 0, req.fileAttributes());
        OpenResult result = ctx.server().fileService().open(share, path,
                CreateDisposition.ofCode(req.createDisposition()), openOptions, AccessMask.of(req.desiredAccess()),
                ShareAccess.of(req.shareAccess()), new Principal(ctx.session.userName));
        SmbOpen open = ctx.session.addOpen(result.open(), ctx.tree.treeId(), String.join("\\", path.components()));
        ctx.fileId = open.fileId();
        FileAttributes a = result.attributes();
        return Reply.ok(new CreateResponse(0, result.action().ordinal(), InfoEncoding.times(a), a.allocationSize(),
                a.size(), a.dosAttributes(), open.fileId()));
    }
}
