package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.wire.FsctlCode;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.ValidateNegotiateInfo;
import dev.haven.smb.wire.WireReader;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/**
 * [MS-SMB2] 3.3.5.15: IOCTL. Dispatches FSCTLs to one class per family: server-side copy
 * ({@link CopyChunkFsctl}), sparse files ({@link SparseFsctl}), the smaller file FSCTLs
 * ({@link FileFsctls}) and network interfaces ({@link NetworkInterfaceFsctl});
 * FSCTL_VALIDATE_NEGOTIATE_INFO is answered here.
 */
final class IoctlHandler {
    private static final int VALIDATE_RESPONSE_SIZE = 24;
    /** FSCTLs whose FileId is ignored ([MS-SMB2] 2.2.31: all-ones): DFS referrals and named-pipe wait. */
    private static final Set<Integer> FILELESS_FSCTLS = Set.of(0x00060194, 0x000601B0, 0x00110018);

    /** An FSCTL on an open file. */
    @FunctionalInterface
    private interface FileFsctl {
        Reply handle(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException;
    }

    private final NetworkInterfaceFsctl interfaces = new NetworkInterfaceFsctl();
    private final Map<FsctlCode, FileFsctl> onFiles;

    IoctlHandler() {
        CopyChunkFsctl copy = new CopyChunkFsctl();
        SparseFsctl sparse = new SparseFsctl();
        FileFsctls files = new FileFsctls();
        onFiles = Map.ofEntries(
                Map.entry(FsctlCode.SRV_REQUEST_RESUME_KEY, copy::resumeKey),
                Map.entry(FsctlCode.SRV_COPYCHUNK, (c, r, o) -> copy.copy(c, r, o, false)),
                Map.entry(FsctlCode.SRV_COPYCHUNK_WRITE, (c, r, o) -> copy.copy(c, r, o, true)),
                Map.entry(FsctlCode.SET_SPARSE, sparse::setSparse),
                Map.entry(FsctlCode.SET_ZERO_DATA, sparse::zeroData),
                Map.entry(FsctlCode.QUERY_ALLOCATED_RANGES, sparse::allocatedRanges),
                Map.entry(FsctlCode.CREATE_OR_GET_OBJECT_ID, files::objectId),
                Map.entry(FsctlCode.GET_COMPRESSION, files::getCompression),
                Map.entry(FsctlCode.SET_COMPRESSION, files::setCompression),
                Map.entry(FsctlCode.FILE_LEVEL_TRIM, files::trim),
                Map.entry(FsctlCode.DUPLICATE_EXTENTS_TO_FILE, files::duplicateExtents),
                Map.entry(FsctlCode.SRV_ENUMERATE_SNAPSHOTS, files::snapshots),
                Map.entry(FsctlCode.LMR_REQUEST_RESILIENCY, ResiliencyFsctl::request));
    }

    Reply handle(RequestContext ctx, IoctlRequest req) throws SmbStatusException, ProtocolViolationException {
        if ((req.flags() & IoctlRequest.IS_FSCTL) == 0) {
            // [MS-SMB2] 3.3.5.15: SMB2 carries FSCTLs only.
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "IOCTL that is not an FSCTL");
        }
        FsctlCode code = new FsctlCode(req.ctlCode());
        if (code.equals(FsctlCode.VALIDATE_NEGOTIATE_INFO)) {
            return validateNegotiate(ctx, req);
        }
        if (code.equals(FsctlCode.QUERY_NETWORK_INTERFACE_INFO)) {
            return interfaces.handle(ctx, req);
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
            FileFsctl fsctl = onFiles.get(code);
            if (fsctl != null) {
                return fsctl.handle(ctx, req, open);
            }
        }
        throw new SmbStatusException(NtStatus.NOT_SUPPORTED, code + " is not served");
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
