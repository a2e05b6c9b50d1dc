package dev.haven.smb.server;

import dev.haven.files.FileServiceException;
import dev.haven.files.copy.CopyChunk;
import dev.haven.files.copy.CopyLimits;
import dev.haven.files.copy.CopyOutcome;
import dev.haven.files.copy.ResumeKey;
import dev.haven.files.copy.ServerSideCopy;
import dev.haven.files.service.Open;
import dev.haven.smb.wire.CopyChunkRequest;
import dev.haven.smb.wire.CopyChunkResponse;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ResumeKeyResponse;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.15.4 FSCTL_SRV_REQUEST_RESUME_KEY and 3.3.5.15.6 FSCTL_SRV_COPYCHUNK /
 * FSCTL_SRV_COPYCHUNK_WRITE: translation only; keys and the copy itself are file-service
 * components ({@link dev.haven.files.copy}).
 */
final class CopyChunkFsctl {
    private final CopyLimits limits = CopyLimits.DEFAULT;

    /** 3.3.5.15.4: the open's resume key, bound to the session's user. */
    Reply resumeKey(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        if (Integer.compareUnsigned(req.maxOutputResponse(), ResumeKeyResponse.SIZE) < 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "MaxOutputResponse below 32");
        }
        ResumeKey key = ctx.server().resumeKeys().keyOf(open.open(), ctx.session.userName);
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0],
                new ResumeKeyResponse(key.bytes()).encode()));
    }

    /** 3.3.5.15.6: copies the chunks from the open the key names to {@code target}. */
    Reply copy(RequestContext ctx, IoctlRequest req, SmbOpen target, boolean writeOnly) throws SmbStatusException {
        if (Integer.compareUnsigned(req.maxOutputResponse(), CopyChunkResponse.SIZE) < 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "MaxOutputResponse below 12");
        }
        CopyChunkRequest copy;
        try {
            copy = CopyChunkRequest.decode(req.input());
        } catch (MalformedMessageException e) {
            return overLimits(req);
        }
        List<CopyChunk> chunks = copy.chunks().stream()
                .map(c -> new CopyChunk(c.sourceOffset(), c.targetOffset(), c.length())).toList();
        if (!limits.allow(chunks)) {
            return overLimits(req);
        }
        Open source = ctx.server().resumeKeys().resolve(ResumeKey.of(copy.sourceKey()), ctx.session.userName);
        CopyOutcome outcome = new ServerSideCopy(ctx.server().fileService()).copy(source, target.open(), chunks,
                !writeOnly);
        CopyChunkResponse body = new CopyChunkResponse(outcome.chunksWritten(), 0, (int) outcome.bytesWritten());
        FileServiceException failure = outcome.failure();
        NtStatus status = failure == null ? NtStatus.SUCCESS : FileServiceStatus.of(failure.error());
        // 3.3.5.15.6: a failed copy still answers with the IOCTL response saying how far it got.
        return new Reply.Respond(status, new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], body.encode()));
    }

    /** 3.3.5.15.6.2: over the limits, the response's fields carry the limits. */
    private Reply overLimits(IoctlRequest req) {
        CopyChunkResponse body = new CopyChunkResponse(limits.maxChunks(), limits.maxChunkBytes(),
                (int) limits.maxTotalBytes());
        return new Reply.Respond(NtStatus.INVALID_PARAMETER,
                new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], body.encode()));
    }
}
