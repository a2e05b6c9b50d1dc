package dev.haven.smb.server;

import dev.haven.files.LeaseKey;
import dev.haven.files.lease.CachingRequest;
import dev.haven.files.lease.LeaseGrant;
import dev.haven.files.lease.LeaseState;
import dev.haven.files.lease.OplockLevel;
import dev.haven.files.service.OpenResult;
import dev.haven.smb.Dialect;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.WireWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The oplock and lease parts of CREATE ([MS-SMB2] 3.3.5.9, 3.3.5.9.8, 3.3.5.9.11): what the
 * request asks for (RequestedOplockLevel and the SMB2_CREATE_REQUEST_LEASE(_V2) context "RqLs"),
 * and the OplockLevel and lease response context of the answer.
 *
 * <pre>
 * RqLs v1 (2.2.13.2.8, 32 bytes): LeaseKey 16 | LeaseState 4 | LeaseFlags 4 | LeaseDuration 8
 * RqLs v2 (2.2.13.2.10, 52 bytes): v1 | ParentLeaseKey 16 | Epoch 2 | Reserved 2
 * </pre>
 *
 * @param request the caching asked for
 * @param v2      the lease came in a v2 context
 */
record CreateCaching(CachingRequest request, boolean v2) {
    static final String LEASE_CONTEXT = "RqLs";
    private static final int V1_SIZE = 32;
    private static final int V2_SIZE = 52;
    /** SMB2_LEASE_FLAG_BREAK_IN_PROGRESS. */
    private static final int BREAK_IN_PROGRESS = 0x02;
    /** SMB2_LEASE_FLAG_PARENT_LEASE_KEY_SET. */
    private static final int PARENT_LEASE_KEY_SET = 0x04;

    /**
     * What a CREATE asks for. A lease needs OplockLevel LEASE, a 2.1+ dialect and a well-formed
     * RqLs context (v2 only from 3.0); anything else is no lease ([MS-SMB2] 3.3.5.9.8: the
     * context is then ignored). Unknown oplock levels ask for nothing.
     */
    static CreateCaching of(RequestContext ctx, CreateRequest req) {
        int level = req.requestedOplockLevel();
        if (level == CreateResponse.OPLOCK_LEVEL_LEASE) {
            return leaseOf(ctx, req);
        }
        for (OplockLevel l : OplockLevel.values()) {
            if (l.code() == level && l != OplockLevel.NONE) {
                return new CreateCaching(new CachingRequest.Oplock(l), false);
            }
        }
        return new CreateCaching(CachingRequest.NONE, false);
    }

    /** The lease context of {@code req} whatever its RequestedOplockLevel (a durable reconnect names its lease so). */
    static CreateCaching leaseOf(RequestContext ctx, CreateRequest req) {
        Dialect dialect = ctx.connection.dialect;
        if (dialect == null || dialect == Dialect.SMB_2_0_2) {
            return new CreateCaching(CachingRequest.NONE, false);
        }
        for (CreateContext c : req.createContexts()) {
            if (!LEASE_CONTEXT.equals(c.name())) {
                continue;
            }
            byte[] data = c.data();
            boolean v2 = data.length >= V2_SIZE && dialect.isSmb3();
            if (data.length < V1_SIZE || (data.length != V1_SIZE && !v2)) {
                return new CreateCaching(CachingRequest.NONE, false);
            }
            ByteBuffer b = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            byte[] key = new byte[16];
            b.get(key);
            int state = b.getInt();
            int flags = b.getInt();
            b.getLong();
            LeaseKey parent = LeaseKey.ZERO;
            int epoch = 0;
            if (v2) {
                byte[] p = new byte[16];
                b.get(p);
                parent = (flags & PARENT_LEASE_KEY_SET) != 0 ? LeaseKey.fromBytes(p) : LeaseKey.ZERO;
                epoch = b.getShort() & 0xFFFF;
            }
            return new CreateCaching(new CachingRequest.Lease(BreakSender.clientGuid(ctx.connection),
                    LeaseKey.fromBytes(key), LeaseState.of(state), parent, epoch, v2), v2);
        }
        return new CreateCaching(CachingRequest.NONE, false);
    }

    /** The lease key asked for, or null. */
    LeaseKey leaseKey() {
        return request instanceof CachingRequest.Lease l ? l.leaseKey() : null;
    }

    /** The OplockLevel field of the response. */
    int responseLevel(OpenResult r) {
        return r.lease().isPresent() ? CreateResponse.OPLOCK_LEVEL_LEASE : r.oplock().code();
    }

    /** The response contexts: SMB2_CREATE_RESPONSE_LEASE(_V2) when a lease was granted. */
    List<CreateContext> responseContexts(OpenResult r) {
        if (r.lease().isEmpty()) {
            return List.of();
        }
        LeaseGrant g = r.lease().get();
        WireWriter w = new WireWriter(V2_SIZE);
        int flags = g.breakInProgress() ? BREAK_IN_PROGRESS : 0;
        // [MS-SMB2] 3.3.5.9.11: the answer has the lease's version, whatever this request's context was.
        boolean v2 = g.v2();
        boolean parentSet = v2 && !g.parentLeaseKey().equals(LeaseKey.ZERO);
        w.bytes(g.leaseKey().toBytes()).u32(g.state().bits()).u32(flags | (parentSet ? PARENT_LEASE_KEY_SET : 0)).u64(0);
        if (v2) {
            w.bytes(g.parentLeaseKey().toBytes()).u16(g.epoch()).u16(0);
        }
        return List.of(new CreateContext(LEASE_CONTEXT, w.toByteArray()));
    }
}
