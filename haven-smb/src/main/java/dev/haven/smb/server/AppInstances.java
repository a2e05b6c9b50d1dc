package dev.haven.smb.server;

import dev.haven.files.ClientGuid;
import dev.haven.files.FileServiceException;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.NtStatus;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * [MS-SMB2] 2.2.13.2.13 SMB2_CREATE_APP_INSTANCE_ID and 3.3.5.9.13: an application that moves to
 * another client (a failover cluster's node) opens its files again naming the same AppInstanceId;
 * the server closes the application's earlier opens of that file from the other client, without a
 * break, so the new open is not stopped by the old one's share mode, oplock or lease. Live opens
 * of every session count, and preserved (disconnected) durable or persistent ones. Only SMB 3.x,
 * and only beside a durable v2 request, as Windows; AppInstanceVersion is not supported (its
 * context is ignored).
 */
final class AppInstances {
    private static final System.Logger LOG = System.getLogger(AppInstances.class.getName());

    /** The context's name: the GUID 6aa6bc45-a7ef-4af7-9008-fa462e144d74 in its wire byte order. */
    static final String CONTEXT = new String(new byte[] {0x45, (byte) 0xBC, (byte) 0xA6, 0x6A, (byte) 0xEF,
        (byte) 0xA7, (byte) 0xF7, 0x4A, (byte) 0x90, 0x08, (byte) 0xFA, 0x46, 0x2E, 0x14, 0x4D, 0x74},
            StandardCharsets.ISO_8859_1);
    /** StructureSize 2 | Reserved 2 | AppInstanceId 16. */
    private static final int SIZE = 20;

    private AppInstances() {
    }

    /** The AppInstanceId {@code req} names, or null. */
    static UUID of(CreateRequest req) throws SmbStatusException {
        for (CreateContext c : req.createContexts()) {
            if (c.name().equals(CONTEXT)) {
                if (c.data().length < SIZE) {
                    throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "app instance id of " + c.data().length + " bytes");
                }
                ByteBuffer b = ByteBuffer.wrap(c.data(), 4, 16); // raw bytes: only compared
                return new UUID(b.getLong(), b.getLong());
            }
        }
        return null;
    }

    /**
     * Closes the opens of {@code path} on {@code ctx}'s share that carry {@code appInstanceId} and
     * belong to another client than {@code ctx}'s ([MS-SMB2] 3.3.5.9.13, closed as 3.3.4.17 says:
     * no break, the owner's later requests on it fail with STATUS_FILE_CLOSED).
     */
    static void closeEarlier(RequestContext ctx, UUID appInstanceId, String path) {
        ClientGuid me = BreakSender.clientGuid(ctx.connection);
        ShareConfig share = ctx.tree.share();
        for (Session s : ctx.server().sessions().all()) {
            for (SmbOpen o : s.opens()) {
                if (matches(o, appInstanceId, path, share, s) && !ownedBy(s, me)) {
                    s.removeOpen(o);
                    ctx.server().breaks().closed(o);
                    close(ctx, o, "its application instance opened it again from another client");
                }
            }
        }
        ctx.server().fileService().durable().endMatching(p -> p.handle() instanceof SmbOpen o
                && appInstanceId.equals(o.appInstanceId()) && o.path().equalsIgnoreCase(path)
                && share.storage() == o.open().share() && !p.client().equals(me),
                "its application instance opened it again from another client");
    }

    private static boolean matches(SmbOpen o, UUID appInstanceId, String path, ShareConfig share, Session s) {
        TreeConnect tree = s.tree(o.treeId());
        return appInstanceId.equals(o.appInstanceId()) && o.path().equalsIgnoreCase(path) && tree != null
                && tree.share() == share;
    }

    private static boolean ownedBy(Session s, ClientGuid client) {
        return s.connections().stream().anyMatch(c -> BreakSender.clientGuid(c).equals(client));
    }

    private static void close(RequestContext ctx, SmbOpen o, String why) {
        try {
            ctx.server().fileService().close(o.open());
            LOG.log(Level.INFO, "{0} closed: {1}", o.fileId(), why);
        } catch (FileServiceException e) {
            LOG.log(Level.DEBUG, "{0} already closed: {1}", o.fileId(), e.getMessage());
        }
    }
}
