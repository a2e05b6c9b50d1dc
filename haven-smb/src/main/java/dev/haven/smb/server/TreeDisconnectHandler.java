package dev.haven.smb.server;

import dev.haven.smb.wire.TreeDisconnectRequest;
import dev.haven.smb.wire.TreeDisconnectResponse;

/** [MS-SMB2] 3.3.5.8: TREE_DISCONNECT; the tree was found by the pipeline (3.3.5.2.11). */
final class TreeDisconnectHandler {
    Reply handle(RequestContext ctx, TreeDisconnectRequest req) {
        TreeConnect tree = ctx.tree;
        ctx.connection.pending.cancelAll(p -> p.context().tree == tree, PendingRequest.CancelReason.TREE_DISCONNECT);
        ctx.session.removeTree(ctx.tree.treeId());
        // [MS-SMB2] 3.3.5.8: the tree's opens are closed with it.
        Opens.closeAll(ctx.server(), ctx.session.takeOpens(ctx.tree.treeId()));
        return Reply.ok(new TreeDisconnectResponse());
    }
}
