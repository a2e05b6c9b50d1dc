package dev.haven.smb.server;

import dev.haven.smb.rpc.RpcPipe;
import dev.haven.smb.rpc.ServerDescription;
import dev.haven.smb.rpc.ShareEntry;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.CloseResponse;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.FileTimes;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.ReadResponse;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WriteRequest;
import dev.haven.smb.wire.WriteResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * CREATE, READ, WRITE, CLOSE and FSCTL_PIPE_TRANSCEIVE on IPC$ ([MS-SMB2] 3.3.5.9, 3.3.5.12,
 * 3.3.5.13, 3.3.5.10, 3.3.5.15.1): named-pipe opens whose bytes go to {@link RpcPipe}. The
 * per-command handlers hand IPC$ requests here before touching the file service.
 */
final class IpcPipes {
    /** [MS-FSCC] 2.3.49 FSCTL_PIPE_TRANSCEIVE. */
    static final int FSCTL_PIPE_TRANSCEIVE = 0x0011C017;
    /** [MS-ERREF] 2.3.1 STATUS_PIPE_EMPTY: a READ when no answer waits (Haven never blocks a pipe read). */
    static final NtStatus PIPE_EMPTY = new NtStatus(0xC00000D9);
    /** [MS-FSCC] 2.6 FILE_ATTRIBUTE_NORMAL, what a pipe open reports. */
    private static final int FILE_ATTRIBUTE_NORMAL = 0x80;
    /** [MS-SMB2] 2.2.14 CreateAction FILE_OPENED. */
    private static final int FILE_OPENED = 1;

    private IpcPipes() {
    }

    /** True when the request runs on an IPC$ tree. */
    static boolean isIpc(RequestContext ctx) {
        return ctx.tree != null && ctx.tree.share() == null;
    }

    /** [MS-SMB2] 3.3.5.9: opening a pipe this server does not serve is STATUS_OBJECT_NAME_NOT_FOUND. */
    static Reply create(RequestContext ctx, CreateRequest req) throws SmbStatusException {
        RpcPipe pipe = RpcPipe.open(req.name(), describe(ctx.server()))
                .orElseThrow(() -> new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "no pipe " + req.name()));
        Smb2FileId id = ctx.tree.pipes().add(pipe);
        if (id == null) {
            throw new SmbStatusException(NtStatus.INSUFFICIENT_RESOURCES, PipeTable.MAX_PIPES + " pipes open");
        }
        ctx.fileId = id;
        return Reply.ok(new CreateResponse(0, FILE_OPENED, FileTimes.ZERO, 0, 0, FILE_ATTRIBUTE_NORMAL, id));
    }

    static Reply write(RequestContext ctx, WriteRequest req) throws SmbStatusException {
        RpcPipe pipe = find(ctx, req.fileId());
        ByteBuffer data = req.data().duplicate();
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        if (!pipe.write(bytes)) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "pipe write of " + bytes.length + " refused");
        }
        return Reply.ok(new WriteResponse(bytes.length));
    }

    /** A message longer than the READ comes back in parts with STATUS_BUFFER_OVERFLOW (3.3.5.12). */
    static Reply read(RequestContext ctx, ReadRequest req) throws SmbStatusException {
        RpcPipe pipe = find(ctx, req.fileId());
        if (!pipe.hasOutput()) {
            throw new SmbStatusException(PIPE_EMPTY, "nothing to read on the pipe");
        }
        RpcPipe.PipeRead part = pipe.read(limit(req.length()));
        byte[] data = part.data();
        return new Reply.Respond(part.more() ? NtStatus.BUFFER_OVERFLOW : NtStatus.SUCCESS,
                new ReadResponse(data, data.length));
    }

    static Reply close(RequestContext ctx, CloseRequest req) throws SmbStatusException {
        find(ctx, req.fileId());
        ctx.tree.pipes().remove(ctx.fileId);
        return Reply.ok(new CloseResponse(0, FileTimes.ZERO, 0, 0, 0));
    }

    /** [MS-FSCC] 2.3.49: writes the input and reads one message of up to MaxOutputResponse bytes. */
    static Reply transceive(RequestContext ctx, IoctlRequest req) throws SmbStatusException {
        Smb2FileId fileId;
        try {
            fileId = Smb2FileId.decode(new WireReader(req.fileId()));
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, e.getMessage());
        }
        RpcPipe pipe = find(ctx, fileId);
        if (!pipe.write(req.input())) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "pipe transceive refused");
        }
        RpcPipe.PipeRead part = pipe.read(limit(req.maxOutputResponse()));
        IoctlResponse body = new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], part.data());
        return new Reply.Respond(part.more() ? NtStatus.BUFFER_OVERFLOW : NtStatus.SUCCESS, body);
    }

    /** An unsigned 32-bit length from the wire, capped at the largest I/O this server does. */
    private static int limit(int unsignedLength) {
        return (int) Math.min(Integer.toUnsignedLong(unsignedLength), NegotiateHandler.MAX_IO_SIZE);
    }

    /** The pipe a request names; in a related compound the all-ones FileId names the previous CREATE's. */
    private static RpcPipe find(RequestContext ctx, Smb2FileId fileId) throws SmbStatusException {
        Smb2FileId id = fileId;
        if (id.isChained() && ctx.header.isRelated()) {
            if (ctx.chainedFailure != null) {
                throw new SmbStatusException(ctx.chainedFailure, "the related CREATE failed");
            }
            id = ctx.chainedFileId != null ? ctx.chainedFileId : id;
        }
        RpcPipe pipe = ctx.tree.pipes().get(id);
        if (pipe == null) {
            throw new SmbStatusException(NtStatus.FILE_CLOSED, "no pipe " + id);
        }
        ctx.fileId = id;
        return pipe;
    }

    /** What srvsvc lists: the configured shares and IPC$ ([MS-SRVS] 2.2.2.4 STYPE_IPC | STYPE_SPECIAL). */
    static ServerDescription describe(ServerContext server) {
        List<ShareEntry> shares = new ArrayList<>();
        for (ShareConfig s : server.shares()) {
            shares.add(ShareEntry.disk(s.name(), ""));
        }
        shares.add(new ShareEntry("IPC$", ShareEntry.IPC_SPECIAL, "IPC Service (Haven)", ""));
        return new ServerDescription(server.config().identity().netbiosName(), "Haven", shares);
    }
}
