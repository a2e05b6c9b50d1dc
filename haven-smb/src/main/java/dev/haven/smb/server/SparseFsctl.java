package dev.haven.smb.server;

import dev.haven.files.service.FileRange;
import dev.haven.files.service.SparseFiles;
import dev.haven.smb.wire.AllocatedRange;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ZeroDataInformation;
import java.util.List;

/**
 * [MS-FSCC] 2.3.71 FSCTL_SET_SPARSE, 2.3.73 FSCTL_SET_ZERO_DATA and 2.3.51
 * FSCTL_QUERY_ALLOCATED_RANGES: decoding and output sizing only; the rules are
 * {@link SparseFiles}'s.
 */
final class SparseFsctl {

    /** [MS-FSCC] 2.3.72: no buffer means set; otherwise the first byte (SetSparse) decides. */
    Reply setSparse(RequestContext ctx, IoctlRequest req, SmbOpen open) {
        byte[] in = req.input();
        files(ctx).setSparse(open.open(), in.length == 0 || in[0] != 0);
        return empty(req);
    }

    /** [MS-FSA] 2.1.5.9.38: a FILE_ZERO_DATA_INFORMATION shorter than 16 bytes is invalid. */
    Reply zeroData(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        ZeroDataInformation z;
        try {
            z = ZeroDataInformation.decode(req.input());
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "short FILE_ZERO_DATA_INFORMATION");
        }
        files(ctx).zeroData(open.open(), z.fileOffset(), z.beyondFinalZero());
        return empty(req);
    }

    /**
     * [MS-FSA] 2.1.5.9.21: as many ranges as MaxOutputResponse holds; none fitting when there are
     * some is STATUS_BUFFER_TOO_SMALL, some but not all STATUS_BUFFER_OVERFLOW with those that fit.
     */
    Reply allocatedRanges(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        AllocatedRange query;
        try {
            query = AllocatedRange.decode(req.input());
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "short FILE_ALLOCATED_RANGE_BUFFER");
        }
        List<FileRange> ranges = files(ctx).allocatedRanges(open.open(), query.fileOffset(), query.length());
        long fit = Integer.toUnsignedLong(req.maxOutputResponse()) / AllocatedRange.SIZE;
        if (!ranges.isEmpty() && fit == 0) {
            throw new SmbStatusException(NtStatus.BUFFER_TOO_SMALL, "no room for one allocated range");
        }
        List<AllocatedRange> out = ranges.stream().limit(fit)
                .map(r -> new AllocatedRange(r.offset(), r.length())).toList();
        NtStatus status = out.size() < ranges.size() ? NtStatus.BUFFER_OVERFLOW : NtStatus.SUCCESS;
        return new Reply.Respond(status,
                new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], AllocatedRange.encodeAll(out)));
    }

    private static SparseFiles files(RequestContext ctx) {
        return new SparseFiles(ctx.server().fileService());
    }

    private static Reply empty(IoctlRequest req) {
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], new byte[0]));
    }
}
