package dev.haven.smb.server;

import dev.haven.files.service.MaximalAccess;
import dev.haven.files.service.OpenResult;
import dev.haven.files.service.Principal;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The create contexts that ask about the opened file: MxAc ([MS-SMB2] 2.2.13.2.5, answered as
 * 2.2.14.2.5 and 3.3.5.9.5 say: the maximal access, {@link MaximalAccess}) and QFid (2.2.13.2.9,
 * answered as 2.2.14.2.9: the on-disk id, which is the file's stable id as FileInternalInformation
 * and the Id directory classes report it, and the volume id). Each is answered only when asked.
 *
 * @param maximalAccess true when the request carries MxAc
 * @param onDiskId      true when the request carries QFid
 */
record CreateQueries(boolean maximalAccess, boolean onDiskId) {
    static final String MXAC = "MxAc";
    static final String QFID = "QFid";
    /** [MS-SMB2] 2.2.13.2.5: the request's optional Timestamp. */
    private static final int TIMESTAMP_SIZE = 8;
    private static final int ON_DISK_ID_RESERVED = 16;

    /** What {@code req} asks; an MxAc whose data is neither empty nor a timestamp is invalid. */
    static CreateQueries of(CreateRequest req) throws SmbStatusException {
        boolean mxac = false;
        boolean qfid = false;
        for (CreateContext c : req.createContexts()) {
            if (c.name().equals(MXAC)) {
                int length = c.data().length;
                if (length != 0 && length != TIMESTAMP_SIZE) {
                    throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "MxAc of " + length + " bytes");
                }
                mxac = true;
            } else if (c.name().equals(QFID)) {
                qfid = true;
            }
        }
        return new CreateQueries(mxac, qfid);
    }

    /**
     * The answers for the open {@code r}. The maximal access ignores the request's timestamp:
     * 3.3.5.9.5 lets the server answer whether or not the file changed since then.
     */
    List<CreateContext> answers(RequestContext ctx, OpenResult r) {
        List<CreateContext> out = new ArrayList<>(2);
        if (maximalAccess) {
            int rights = MaximalAccess.of(r.open(), new Principal(ctx.session.userName, ctx.session.token)).bits();
            out.add(new CreateContext(MXAC, new WireWriter().u32(NtStatus.SUCCESS.code()).u32(rights).toByteArray()));
        }
        if (onDiskId) {
            UUID fs = ctx.server().fileService().statfs(r.open().share()).fsId();
            long volume = fs.getMostSignificantBits() ^ fs.getLeastSignificantBits();
            out.add(new CreateContext(QFID, new WireWriter().u64(r.attributes().fileId()).u64(volume)
                    .bytes(new byte[ON_DISK_ID_RESERVED]).toByteArray()));
        }
        return out;
    }
}
