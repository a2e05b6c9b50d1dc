package dev.haven.smb.server;

import dev.haven.files.FileServiceException;
import dev.haven.files.service.Share;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2FileId;
import java.lang.System.Logger.Level;
import java.util.List;

/** Finding the open a request names, and closing opens when their tree, session or connection goes. */
final class Opens {
    private static final System.Logger LOG = System.getLogger(Opens.class.getName());

    private Opens() {
    }

    /** The file-service share behind the request's tree, or a status for IPC$ and shares without storage. */
    static Share share(RequestContext ctx) throws SmbStatusException {
        ShareConfig config = ctx.tree.share();
        if (config == null) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "no named pipes on IPC$");
        }
        if (config.storage() == null) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "share " + config.name() + " has no storage");
        }
        return config.storage();
    }

    /**
     * [MS-SMB2] 3.3.5.2.7.2: the open a request names; in a related compound the all-ones FileId
     * names the previous CREATE's open, and a failed CREATE fails the request with its status.
     */
    static SmbOpen find(RequestContext ctx, Smb2FileId fileId) throws SmbStatusException {
        Smb2FileId id = fileId;
        if (id.isChained() && ctx.header.isRelated()) {
            if (ctx.chainedFailure != null) {
                throw new SmbStatusException(ctx.chainedFailure, "the related CREATE failed");
            }
            id = ctx.chainedFileId != null ? ctx.chainedFileId : id;
        }
        SmbOpen open = ctx.session.open(id.volatileId());
        if (open == null || open.fileId().persistent() != id.persistent() || open.treeId() != ctx.tree.treeId()) {
            throw new SmbStatusException(NtStatus.FILE_CLOSED, "no open " + id);
        }
        ctx.fileId = open.fileId();
        checkChannelSequence(ctx, open);
        // The client has its answer: a CREATE replayed from now on is a new CREATE (Windows'
        // Open.IsReplayEligible; smbtorture's smb2.replay.replay6).
        open.used();
        return open;
    }

    /**
     * [MS-SMB2] 3.3.5.2.10: on SMB 3.x every request carries the client's channel sequence (the
     * first 16 bits of the header's Status field). A newer one (ahead by at most 0x7FFF, modulo
     * 2^16) becomes the open's, whatever the request; a WRITE, SET_INFO or IOCTL with an older one
     * comes from a channel the client has already given up: STATUS_FILE_NOT_AVAILABLE, so it
     * cannot overwrite what came after it.
     */
    private static void checkChannelSequence(RequestContext ctx, SmbOpen open) throws SmbStatusException {
        if (!ctx.connection.dialect.isSmb3()) {
            return;
        }
        boolean modifies = switch (ctx.header.command()) {
            case WRITE, SET_INFO, IOCTL -> true;
            default -> false;
        };
        int asked = channelSequence(ctx);
        synchronized (open) {
            int ahead = (asked - open.channelSequence()) & 0xFFFF;
            if (ahead <= 0x7FFF) {
                open.channelSequence(asked);
            } else if (modifies) {
                throw new SmbStatusException(NtStatus.FILE_NOT_AVAILABLE, "channel sequence " + asked
                        + " is older than the open's " + open.channelSequence());
            }
        }
    }

    /** The request's ChannelSequence ([MS-SMB2] 2.2.1.2). */
    static int channelSequence(RequestContext ctx) {
        return ctx.header.status().code() & 0xFFFF;
    }

    /** Closes opens whose tree, session or connection went away; failures are logged, not raised. */
    static void closeAll(ServerContext server, List<SmbOpen> opens) {
        for (SmbOpen o : opens) {
            server.breaks().closed(o);
            try {
                server.fileService().close(o.open());
            } catch (FileServiceException e) {
                LOG.log(Level.DEBUG, "closing {0}: {1}", o.open(), e.getMessage());
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "closing " + o.open(), e);
            }
        }
    }
}
