package dev.haven.smb.server;

import dev.haven.files.LeaseKey;
import dev.haven.files.durable.DurableOpens;
import dev.haven.files.durable.PreservedOpen;
import dev.haven.files.lease.LeaseGrant;
import dev.haven.files.lease.LeaseManager;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.service.CreateAction;
import dev.haven.files.service.OpenResult;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.NtStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The answer to a replayed durable v2 CREATE whose open exists ([MS-SMB2] 3.3.5.9.10, with
 * Windows' behaviour as smbtorture's smb2.replay checks it): the open's FileId, create action,
 * times, sizes and attributes as first answered; its caching as it is <em>now</em>, and as the
 * replay asks: a replay must ask for the same kind of caching (a lease with the same key, or an
 * oplock), else STATUS_ACCESS_DENIED; an oplock replay gets the weaker of the level it asks and
 * the level held, a lease replay the lease's current state. The durable context is in the answer
 * when that caching could have made the open durable (or the open is persistent).
 */
final class CreateReplay {
    private CreateReplay() {
    }

    /**
     * [MS-SMB2] 3.3.5.9.10: the answer to a durable v2 CREATE whose CreateGuid names an open this
     * client already made, or null when it names none (the CREATE goes on as a new open). A replay
     * (SMB2_FLAGS_REPLAY_OPERATION: its answer was lost with a channel) gets that open, taken back
     * into this session if it was preserved after a disconnect; while the original still waits to
     * open, the replay is told to try again later. The same CreateGuid without the flag is
     * STATUS_DUPLICATE_OBJECTID. A preserved open stays replay-eligible while it is persistent.
     */
    static Reply replayed(RequestContext ctx, CreateRequest req, DurableContexts.V2 v) throws SmbStatusException {
        boolean replay = HeaderFlags.has(ctx.header.flags(), HeaderFlags.REPLAY_OPERATION);
        if (replay && ctx.session.isCreatePending(v.createGuid())) {
            throw new SmbStatusException(NtStatus.FILE_NOT_AVAILABLE, "the replayed CREATE is still being processed");
        }
        SmbOpen made = ctx.session.openByCreateGuid(v.createGuid());
        if (made != null) {
            if (!replay) {
                throw new SmbStatusException(NtStatus.DUPLICATE_OBJECTID, "CreateGuid " + v.createGuid() + " is in use");
            }
            if (made.treeId() != ctx.tree.treeId() || !made.replayEligible()) {
                return null;
            }
            ctx.fileId = made.fileId();
            return Reply.ok(answer(ctx, req, made));
        }
        DurableOpens durable = ctx.server().fileService().durable();
        OptionalLong id = durable.findByCreateGuid(BreakSender.clientGuid(ctx.connection), v.createGuid());
        PreservedOpen p = id.isPresent() ? durable.find(id.getAsLong()) : null;
        if (p == null || !(p.handle() instanceof SmbOpen preserved) || !preserved.replayEligible()
                || preserved.created() == null || ctx.tree.share() == null
                || preserved.open().share() != ctx.tree.share().storage()) {
            return null;
        }
        if (!replay) {
            throw new SmbStatusException(NtStatus.DUPLICATE_OBJECTID, "CreateGuid " + v.createGuid()
                    + " names an open waiting for its client");
        }
        LeaseKey key = preserved.created().leaseKey();
        sameCaching(key, CreateCaching.of(ctx, req));
        return Reply.ok(answer(ctx, req, DurableReconnect.takeBack(ctx, id.getAsLong(), p, key, v.createGuid())));
    }

    private static void sameCaching(LeaseKey original, CreateCaching asked) throws SmbStatusException {
        if (!Objects.equals(original, asked.leaseKey())) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "a replay must ask for the caching of the original CREATE");
        }
    }

    static CreateResponse answer(RequestContext ctx, CreateRequest req, SmbOpen made) throws SmbStatusException {
        SmbOpen.Created original = made.created();
        CreateResponse first = original.response();
        DurableContexts.Granted d = made.durable();
        CreateCaching asked = CreateCaching.of(ctx, req);
        sameCaching(original.leaseKey(), asked);
        LeaseManager leases = ctx.server().fileService().leases();
        OpenResult now;
        boolean durable;
        if (original.leaseKey() != null) {
            Optional<LeaseGrant> lease = leases.leaseOf(BreakSender.clientGuid(ctx.connection), original.leaseKey());
            now = new OpenResult(made.open(), CreateAction.OPENED, null, OplockLevel.NONE, lease);
            durable = lease.map(g -> g.state().has(LeaseState.HANDLE_CACHING)).orElse(false);
        } else {
            OplockLevel held = leases.oplockOf(made.open().id());
            OplockLevel level = weaker(levelOf(req.requestedOplockLevel()), held);
            now = new OpenResult(made.open(), CreateAction.OPENED, null, level, Optional.empty());
            durable = level == OplockLevel.BATCH;
        }
        List<CreateContext> contexts = new ArrayList<>(asked.responseContexts(now));
        if (d != null && (durable || d.persistent())) {
            contexts.add(DurableContexts.response(d));
        }
        return new CreateResponse(asked.responseLevel(now), first.createAction(), first.times(), first.allocationSize(),
                first.endOfFile(), first.fileAttributes(), first.fileId(), contexts);
    }

    private static OplockLevel levelOf(int code) {
        for (OplockLevel l : OplockLevel.values()) {
            if (l.code() == code) {
                return l;
            }
        }
        return OplockLevel.NONE;
    }

    /** The level with less caching (levels are ordered NONE, LEVEL_II, EXCLUSIVE, BATCH). */
    private static OplockLevel weaker(OplockLevel a, OplockLevel b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
