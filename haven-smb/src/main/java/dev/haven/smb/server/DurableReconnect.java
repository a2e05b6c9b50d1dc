package dev.haven.smb.server;

import dev.haven.files.FileServiceException;
import dev.haven.files.LeaseKey;
import dev.haven.files.durable.DurableHandle;
import dev.haven.files.durable.DurableOpens;
import dev.haven.files.durable.PreservedOpen;
import dev.haven.files.durable.Reclaim;
import dev.haven.files.lease.LeaseGrant;
import dev.haven.files.lease.LeaseManager;
import dev.haven.files.service.CreateAction;
import dev.haven.files.service.FileAttributes;
import dev.haven.files.service.FileService;
import dev.haven.files.service.OpenResult;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.NtStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;

/**
 * Durable reconnects ([MS-SMB2] 3.3.5.9.7 DHnC, 3.3.5.9.12 DH2C): a CREATE that names a
 * preserved open takes it back into this session, with its FileId, locks and lease as they were.
 * Only the FileId, the CreateGuid (v2) and the lease context count; the rest of the request
 * (name, access, disposition, even an invalid impersonation level) is ignored, as Windows does.
 * Who may take an open back is the file service's rule ({@link DurableOpens#reclaim}).
 */
final class DurableReconnect {
    /** How long a reconnect waits for the server to finish the client's cut connection. */
    private static final Duration CUT_WAIT = Duration.ofSeconds(2);

    private DurableReconnect() {
    }

    /**
     * A reconnect may overtake the end of the client's old connection: the client saw it cut, the
     * server has not processed it yet, so the open is still attached to the old session. When every
     * connection of the sessions holding the open is already closed, this waits (bounded, blocking
     * only this new connection) until the server has preserved the open; an open whose session
     * still has a live connection is really in use, and the reconnect fails as 3.3.5.9.7 says.
     */
    private static PreservedOpen afterCutConnection(RequestContext ctx, long durableId) {
        long deadline = System.nanoTime() + CUT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            List<Session> holders = ctx.server().sessions().holding(durableId);
            if (holders.isEmpty()) {
                return ctx.server().fileService().durable().find(durableId);
            }
            boolean allCut = holders.stream().allMatch(s -> s.connections().stream().allMatch(c -> c.output.isClosed()));
            if (!allCut) {
                return null;
            }
            LockSupport.parkNanos(1_000_000);
        }
        return null;
    }

    /**
     * Moves the preserved open {@code durableId} into this request's session and tree, as its
     * owner asks with {@code leaseKey} and {@code createGuid}; the request's FileId becomes its.
     */
    static SmbOpen takeBack(RequestContext ctx, long durableId, PreservedOpen preserved, LeaseKey leaseKey,
            UUID createGuid) throws SmbStatusException {
        DurableHandle handle;
        try {
            handle = ctx.server().fileService().durable().reclaim(durableId, new Reclaim(ctx.session.token.user(),
                    BreakSender.clientGuid(ctx.connection), leaseKey, createGuid));
        } catch (FileServiceException e) {
            throw new SmbStatusException(FileServiceStatus.of(e.error()), e.getMessage());
        }
        SmbOpen old = (SmbOpen) handle;
        SmbOpen open = ctx.session.addOpen(old.open(), ctx.tree.treeId(), old.path());
        open.resume(old);
        ctx.server().breaks().opened(ctx.connection, ctx.session, open, preserved.leaseKey());
        ctx.fileId = open.fileId();
        return open;
    }

    static Reply reconnect(RequestContext ctx, CreateRequest req, DurableContexts.Reconnect r) throws SmbStatusException {
        FileService files = ctx.server().fileService();
        long durableId = r.fileId().persistent();
        PreservedOpen preserved = files.durable().find(durableId);
        if (preserved == null) {
            preserved = afterCutConnection(ctx, durableId);
        }
        if (preserved == null || !(preserved.handle() instanceof SmbOpen) || ctx.tree.share() == null
                || preserved.handle().open().share() != ctx.tree.share().storage()) {
            throw new SmbStatusException(NtStatus.OBJECT_NAME_NOT_FOUND, "no preserved open " + r.fileId() + " on this share");
        }
        CreateCaching caching = CreateCaching.leaseOf(ctx, req);
        if (preserved.leaseKey() != null && preserved.leaseKey().equals(caching.leaseKey())
                && !((SmbOpen) preserved.handle()).path().equalsIgnoreCase(req.name())) {
            // As Windows and Samba: a lease reconnect must name the file too (smb2.durable-open.reopen2-lease).
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "durable reconnect of " + r.fileId() + " names another file");
        }
        SmbOpen open = takeBack(ctx, durableId, preserved, caching.leaseKey(), r.createGuid());
        LeaseManager leases = files.leases();
        Optional<LeaseGrant> lease = preserved.leaseKey() == null ? Optional.empty()
                : leases.leaseOf(preserved.client(), preserved.leaseKey());
        FileAttributes a = files.attributes(open.open());
        OpenResult result = new OpenResult(open.open(), CreateAction.OPENED, a, leases.oplockOf(open.open().id()), lease);
        // 3.3.5.9.7/12: the answer carries the lease, but no durable response context.
        List<dev.haven.smb.wire.CreateContext> contexts = caching.responseContexts(result);
        return Reply.ok(new CreateResponse(caching.responseLevel(result), CreateAction.OPENED.ordinal(),
                InfoEncoding.times(a), a.allocationSize(), a.size(), a.dosAttributes(), open.fileId(), contexts));
    }
}
