package dev.haven.smb.server;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.lease.BreakWait;
import dev.haven.files.service.CreateAction;
import dev.haven.files.service.CreateDisposition;
import dev.haven.files.service.FileAttributes;
import dev.haven.files.service.OpenOptions;
import dev.haven.files.service.OpenResult;
import dev.haven.files.service.Principal;
import dev.haven.files.service.Share;
import dev.haven.files.service.SharePath;
import dev.haven.files.service.StreamName;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.CreateContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * [MS-SMB2] 3.3.5.9: CREATE. The name is relative to the share root. Oplocks and leases are
 * granted as 3.3.5.9.8 and 3.3.5.9.11 say ({@link CreateCaching}); other create contexts are
 * ignored (3.3.5.9: unknown contexts are ignored). A CREATE that breaks another holder's caching
 * and must wait for its acknowledgment goes asynchronous and completes when the break ends
 * (acknowledged, timed out, or the holder closed): the holder may be on this very connection,
 * so the serial executor is never blocked. ExtA, MxAc and QFid are {@link FileContexts}. TWrp
 * and @GMT- tokens open a previous version ({@link PreviousVersions}). Durable handles: a
 * reconnect context takes a preserved open back before anything else of the request is looked at
 * ({@link DurableReconnect}); a durable request is granted with the open's caching
 * ({@link DurableContexts}).
 */
final class CreateHandler {
    private static final System.Logger LOG = System.getLogger(CreateHandler.class.getName());
    /** [MS-SMB2] 2.2.13: ImpersonationLevel above Delegation (3) is invalid. */
    private static final int MAX_IMPERSONATION = 3;
    /** The shortest create context name Windows accepts. */
    private static final int CONTEXT_NAME_MIN = 4;

    /** One CREATE being served, kept while it waits for breaks. */
    private record Create(RequestContext ctx, CreateRequest req, Share share, SharePath path, OpenOptions options,
            CreateCaching caching, FileContexts file, DurableContexts.Ask durable, java.util.UUID appInstanceId) {}

    Reply handle(RequestContext ctx, CreateRequest req) throws SmbStatusException {
        if (IpcPipes.isIpc(ctx)) {
            return IpcPipes.create(ctx, req);
        }
        Share share = Opens.share(ctx);
        for (CreateContext c : req.createContexts()) {
            if (c.name().length() < CONTEXT_NAME_MIN) {
                // As Windows (smbtorture's smb2.create.blob): the 2.2.13.2 tags are 4 bytes or longer.
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "create context name of " + c.name().length()
                        + " bytes");
            }
        }
        DurableContexts.Ask durable = DurableContexts.of(req, ctx.connection.dialect.isSmb3());
        if (durable instanceof DurableContexts.Reconnect r) {
            return DurableReconnect.reconnect(ctx, req, r);
        }
        if (durable instanceof DurableContexts.V2 v) {
            Reply replayed = CreateReplay.replayed(ctx, req, v);
            if (replayed != null) {
                return replayed;
            }
        }
        if (req.impersonationLevel() < 0 || req.impersonationLevel() > MAX_IMPERSONATION) {
            // [MS-SMB2] 3.3.5.9: an ImpersonationLevel outside 2.2.13's set is STATUS_BAD_IMPERSONATION_LEVEL.
            throw new SmbStatusException(NtStatus.BAD_IMPERSONATION_LEVEL, "impersonation level " + req.impersonationLevel());
        }
        if (req.name().startsWith("\\")) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "CREATE name with a leading backslash");
        }
        // [MS-FSCC] 2.1.4: "dir\\file:stream:$DATA" names a stream of dir\\file.
        String name = slashesAsSeparators(req.name());
        int lastSeparator = name.lastIndexOf('\\');
        StreamName last = StreamName.split(name.substring(lastSeparator + 1));
        // [MS-SMB2] 2.2.13.2.7 TWrp and @GMT- path tokens: the open may go to a previous version.
        PreviousVersions.Target target = PreviousVersions.resolve(ctx.tree.share(), share,
                name.substring(0, lastSeparator + 1) + last.base(), req);
        share = target.share();
        SharePath path = target.path();
        int options = req.createOptions();
        OpenOptions openOptions = new OpenOptions((options & CreateRequest.FILE_DIRECTORY_FILE) != 0,
                (options & CreateRequest.FILE_NON_DIRECTORY_FILE) != 0,
                (options & CreateRequest.FILE_DELETE_ON_CLOSE) != 0,
                (options & CreateRequest.FILE_WRITE_THROUGH) != 0, req.fileAttributes(),
                SecurityDescriptors.fromCreateContexts(req.createContexts()), last.stream());
        // [MS-SMB2] 3.3.5.9.13: an app instance id counts on SMB 3.x beside a durable v2 request.
        java.util.UUID appInstance = durable instanceof DurableContexts.V2 ? AppInstances.of(req) : null;
        Create c = new Create(ctx, req, share, path, openOptions, CreateCaching.of(ctx, req),
                FileContexts.of(req, last.stream() != null && !last.stream().isEmpty()), durable, appInstance);
        if (appInstance != null && target.share() == ctx.tree.share().storage()) {
            AppInstances.closeEarlier(ctx, appInstance, pathName(c));
        }
        return openOrWait(c, null);
    }

    /**
     * '/' separates components as '\\' does, as Samba accepts it (smbtorture's smb2.twrp.listdir
     * opens "subdir/hardlink"); Windows answers STATUS_OBJECT_NAME_INVALID. A stream name keeps its '/'.
     */
    private static String slashesAsSeparators(String name) {
        int colon = name.indexOf(':');
        int end = colon < 0 ? name.length() : colon;
        return name.substring(0, end).replace('/', '\\') + name.substring(end);
    }

    /**
     * Breaks what the open conflicts with; opens at once if nothing must be waited for, else goes
     * (or stays) pending and tries again when the wait ends ([MS-FSA] 2.1.5.1.2: a later break
     * may be due then, or the sharing violation the break could not avoid).
     */
    private Reply openOrWait(Create c, PendingRequest pending) throws SmbStatusException {
        BreakWait wait = c.ctx().server().fileService().breaksBeforeOpen(c.share(), c.path(),
                CreateDisposition.ofCode(c.req().createDisposition()), AccessMask.of(c.req().desiredAccess()),
                ShareAccess.of(c.req().shareAccess()), c.caching().request().requester());
        if (wait.isDone()) {
            return open(c);
        }
        PendingRequest p = pending;
        AtomicBoolean withdrawn = new AtomicBoolean();
        if (p == null) {
            createPending(c, true);
            p = c.ctx().goAsync((request, reason) -> {
                if (reason == PendingRequest.CancelReason.DISCONNECT && survivesChannelLoss(c)) {
                    return; // it goes on: a replay on another channel waits for it (FILE_NOT_AVAILABLE), then gets the open
                }
                withdrawn.set(true);
                createPending(c, false);
                if (reason != PendingRequest.CancelReason.DISCONNECT) {
                    request.fail(NtStatus.CANCELLED); // [MS-SMB2] 3.3.5.16
                }
            });
        }
        PendingRequest waiting = p;
        wait.future().thenRun(() -> c.ctx().connection.output.execute(() -> {
            if (!withdrawn.get()) {
                resume(c, waiting);
            }
        }));
        return p.interim();
    }

    /** On the serial executor once a wait ended: the CREATE tries again and answers if it is done. */
    private void resume(Create c, PendingRequest pending) {
        try {
            if (openOrWait(c, pending) instanceof Reply.Respond r) {
                createPending(c, false);
                pending.complete(r.status(), r.body());
            }
        } catch (SmbStatusException e) {
            createPending(c, false);
            pending.fail(e.status());
        } catch (FileServiceException e) {
            createPending(c, false);
            pending.fail(FileServiceStatus.of(e.error()));
        } catch (RuntimeException e) {
            createPending(c, false);
            LOG.log(Level.ERROR, "internal error completing a CREATE", e);
            pending.fail(NtStatus.INTERNAL_ERROR);
        }
    }

    /**
     * [MS-SMB2] 3.3.5.9.10 with multichannel: a durable v2 CREATE whose channel fails while it
     * waits goes on when its session has another live channel, so that the client's replay there
     * finds it (pending, then open) instead of opening a second time.
     */
    private static boolean survivesChannelLoss(Create c) {
        Session s = c.ctx().session;
        return c.durable() instanceof DurableContexts.V2 && s.isValid()
                && s.connections().stream().anyMatch(x -> x != c.ctx().connection && !x.output.isClosed());
    }

    /** Notes a waiting durable v2 CREATE on its session, for replays of it ([MS-SMB2] 3.3.5.9.10). */
    private static void createPending(Create c, boolean waiting) {
        if (c.durable() instanceof DurableContexts.V2 v) {
            c.ctx().session.createPending(v.createGuid(), waiting);
        }
    }

    /**
     * [MS-SMB2] 3.3.5.9.10: an open may be persistent on a continuously available share, over SMB
     * 3.x, when the server stores persistent opens; not an open of a previous version or of a
     * named stream.
     */
    private static boolean persistentOffered(Create c) {
        RequestContext ctx = c.ctx();
        String stream = c.options().stream();
        return ctx.tree.share().continuouslyAvailable() && ctx.connection.dialect.isSmb3()
                && c.share() == ctx.tree.share().storage() && (stream == null || stream.isEmpty())
                && ctx.server().fileService().persistent().available();
    }

    /**
     * Makes a persistent open stable before the CREATE is answered: the file system commits (the
     * file and every change before it), then the open's state goes to the store. If either
     * fails the open is closed and the CREATE fails: a client must not believe in a persistent
     * handle the server could lose.
     */
    private static void persist(RequestContext ctx, dev.haven.files.service.Open open, DurableContexts.Granted g) {
        dev.haven.files.service.FileService files = ctx.server().fileService();
        try {
            files.flush(open);
            files.persistent().persist(open, Session.durableId(open), new dev.haven.files.durable.PersistedOpen.Owner(
                    ctx.session.token.user(), g.client(), g.leaseKey(), g.createGuid(), g.timeout()),
                    PersistentHandles.PROTOCOL, new byte[0]);
        } catch (FileServiceException e) {
            LOG.log(Level.WARNING, "persistent open of {0} refused: {1}", open, e.getMessage());
            files.close(open);
            throw e;
        }
    }

    /** The open's path from the share root as SMB names it, components joined with '\\', ":stream" last. */
    private static String pathName(Create c) {
        String stream = c.options().stream();
        return String.join("\\", c.path().components()) + (stream == null || stream.isEmpty() ? "" : ":" + stream);
    }

    private static Reply open(Create c) {
        RequestContext ctx = c.ctx();
        CreateRequest req = c.req();
        OpenResult result = ctx.server().fileService().open(c.share(), c.path(),
                CreateDisposition.ofCode(req.createDisposition()), c.options(), AccessMask.of(req.desiredAccess()),
                ShareAccess.of(req.shareAccess()), new Principal(ctx.session.userName, ctx.session.token),
                c.caching().request());
        if (!ctx.session.isValid()) {
            // A CREATE that went on after its channel failed, and whose session has ended since.
            ctx.server().fileService().close(result.open());
            throw new FileServiceException(dev.haven.files.FileServiceError.FILE_CLOSED, "the session ended");
        }
        result = c.file().apply(ctx, result);
        DurableContexts.Granted durable = DurableContexts.grant(c.durable(), result,
                BreakSender.clientGuid(ctx.connection), c.caching().leaseKey(), persistentOffered(c));
        if (durable != null && durable.persistent()) {
            persist(ctx, result.open(), durable);
        } else if (ctx.tree.share().continuouslyAvailable() && result.action() != CreateAction.OPENED) {
            ctx.server().fileService().flush(result.open()); // a CA share's new file is stable when answered
        }
        String stream = c.options().stream();
        SmbOpen open = ctx.session.addOpen(result.open(), ctx.tree.treeId(), pathName(c));
        open.appInstanceId(c.appInstanceId());
        open.channelSequence(Opens.channelSequence(ctx)); // [MS-SMB2] 3.3.5.9: Open.ChannelSequence
        ctx.server().breaks().opened(ctx.connection, ctx.session, open, c.caching().leaseKey());
        ctx.fileId = open.fileId();
        FileAttributes a = result.attributes();
        List<CreateContext> contexts = new ArrayList<>(c.caching().responseContexts(result));
        contexts.addAll(c.file().answers(ctx, result));
        if (durable != null) {
            open.durable(durable);
            contexts.add(DurableContexts.response(durable));
        }
        CreateResponse response = new CreateResponse(c.caching().responseLevel(result), result.action().ordinal(),
                InfoEncoding.times(a), a.allocationSize(), a.size(), a.dosAttributes(), open.fileId(), contexts);
        if (c.durable() instanceof DurableContexts.V2 v) {
            // Replay-eligible whether or not durability was granted ([MS-SMB2] 3.3.5.9.10).
            open.created(new SmbOpen.Created(v.createGuid(), c.caching().leaseKey(), response));
        }
        return Reply.ok(response);
    }
}
