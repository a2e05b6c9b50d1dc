package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.ValidateNegotiateInfo;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.util.Arrays;
import java.util.Set;

/** [MS-SMB2] 3.3.5.15: IOCTL. FSCTL_VALIDATE_NEGOTIATE_INFO and FSCTL_CREATE_OR_GET_OBJECT_ID are served so far. */
final class IoctlHandler {
    private static final int VALIDATE_RESPONSE_SIZE = 24;
    /** [MS-FSCC] 2.3.3 FSCTL_CREATE_OR_GET_OBJECT_ID. */
    static final int FSCTL_CREATE_OR_GET_OBJECT_ID = 0x000900C0;
    private static final int OBJECT_ID_BUFFER_SIZE = 64;
    /**
     * FSCTLs whose FileId is ignored ([MS-SMB2] 2.2.31: all-ones): DFS referrals, network
     * interfaces and named-pipe wait.
     */
    private static final Set<Integer> FILELESS_FSCTLS = Set.of(0x00060194, 0x000601B0, 0x001401FC, 0x00110018);

    Reply handle(RequestContext ctx, IoctlRequest req) throws SmbStatusException, ProtocolViolationException {
        if ((req.flags() & IoctlRequest.IS_FSCTL) == 0) {
            // [MS-SMB2] 3.3.5.15: SMB2 carries FSCTLs only.
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "IOCTL that is not an FSCTL");
        }
        if (req.ctlCode() == IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO) {
            return validateNegotiate(ctx, req);
        }
        if (req.ctlCode() == IpcPipes.FSCTL_PIPE_TRANSCEIVE && IpcPipes.isIpc(ctx)) {
            return IpcPipes.transceive(ctx, req);
        }
        if (!FILELESS_FSCTLS.contains(req.ctlCode())) {
            // [MS-SMB2] 3.3.5.15: an FSCTL on a file first needs the open (FILE_CLOSED, or the
            // failure of a related CREATE, comes before NOT_SUPPORTED).
            SmbOpen open;
            try {
                open = Opens.find(ctx, Smb2FileId.decode(new WireReader(req.fileId())));
            } catch (MalformedMessageException e) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, e.getMessage());
            }
            if (req.ctlCode() == FSCTL_CREATE_OR_GET_OBJECT_ID) {
                return objectId(ctx, req, open);
            }
        }
        throw new SmbStatusException(NtStatus.NOT_SUPPORTED,
                "FSCTL 0x" + Integer.toHexString(req.ctlCode()) + " needs the file service");
    }

    /**
     * [MS-FSCC] 2.3.3 / 2.1.3 FSCTL_CREATE_OR_GET_OBJECT_ID: a FILE_OBJECTID_BUFFER. HavenFS keeps
     * no object ids, so the id is derived from what already identifies the file for good: its
     * inode id and its file system's id (ObjectId = inode id, file-system id half; BirthVolumeId =
     * file-system id; BirthObjectId = ObjectId; DomainId = 0). The same file always gets the same id.
     */
    private static Reply objectId(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        if (Integer.compareUnsigned(req.maxOutputResponse(), OBJECT_ID_BUFFER_SIZE) < 0) {
            throw new SmbStatusException(NtStatus.BUFFER_TOO_SMALL, "MaxOutputResponse below 64");
        }
        long inode = ctx.server().fileService().attributes(open.open()).fileId();
        java.util.UUID fs = ctx.server().fileService().statfs(open.open().share()).fsId();
        WireWriter w = new WireWriter();
        w.u64(inode).u64(fs.getLeastSignificantBits());
        w.u64(fs.getMostSignificantBits()).u64(fs.getLeastSignificantBits());
        w.u64(inode).u64(fs.getLeastSignificantBits());
        w.u64(0).u64(0);
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], w.toByteArray()));
    }

    /** [MS-SMB2] 3.3.5.15.12: any mismatch with what NEGOTIATE saw ends the connection. */
    private static Reply validateNegotiate(RequestContext ctx, IoctlRequest req)
            throws SmbStatusException, ProtocolViolationException {
        Connection c = ctx.connection;
        if (c.dialect == Dialect.SMB_3_1_1) {
            throw new ProtocolViolationException("VALIDATE_NEGOTIATE_INFO on 3.1.1");
        }
        if (Integer.compareUnsigned(req.maxOutputResponse(), VALIDATE_RESPONSE_SIZE) < 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "MaxOutputResponse too small");
        }
        ValidateNegotiateInfo.Request v;
        try {
            v = ValidateNegotiateInfo.Request.decode(req.input());
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, e.getMessage());
        }
        boolean same = v.capabilities() == c.clientCapabilities && Arrays.equals(v.guid(), c.clientGuid)
                && v.securityMode() == c.clientSecurityMode && v.dialects().equals(c.clientDialects)
                && NegotiateHandler.choose(v.dialects()) == c.dialect;
        if (!same) {
            throw new ProtocolViolationException("VALIDATE_NEGOTIATE_INFO does not match NEGOTIATE");
        }
        byte[] out = new ValidateNegotiateInfo.Response(c.serverCapabilities, ctx.server().serverGuid(),
                c.serverSecurityMode, c.dialect.code()).encode();
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], out));
    }
}
