package dev.haven.smb.server;

import dev.haven.smb.Dialect;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.TreeConnectResponse;

/** [MS-SMB2] 3.3.5.7: TREE_CONNECT to a configured share or to IPC$ (the only one a null session reaches). */
final class TreeConnectHandler {
    /** FILE_ALL_ACCESS. */
    static final int FULL_ACCESS = 0x001F01FF;
    /** FILE_GENERIC_READ | FILE_GENERIC_EXECUTE. */
    static final int READ_ACCESS = 0x001200A9;

    Reply handle(RequestContext ctx, TreeConnectRequest req) throws SmbStatusException, ProtocolViolationException {
        Session session = ctx.session;
        if (ctx.connection.dialect == Dialect.SMB_3_1_1 && !session.anonymous && !session.guest && !ctx.encrypted
                && !ctx.header.isSigned()) {
            // [MS-SMB2] 3.3.5.7: on 3.1.1 an authenticated TREE_CONNECT must be signed or encrypted.
            throw new ProtocolViolationException("unprotected TREE_CONNECT on 3.1.1");
        }
        String name = req.shareName();
        if (name.equalsIgnoreCase("IPC$")) {
            TreeConnect tree = session.addTree(null, false);
            ctx.tree = tree;
            return Reply.ok(new TreeConnectResponse(TreeConnectResponse.SHARE_TYPE_PIPE, 0, 0, READ_ACCESS));
        }
        ShareConfig share = ctx.server().share(name);
        if (share == null) {
            throw new SmbStatusException(NtStatus.BAD_NETWORK_NAME, "no share " + name);
        }
        if (session.anonymous) {
            // A null session reaches IPC$ only, as Windows' null-session share list is empty by
            // default; no disk share is reachable without an authenticated user.
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "anonymous session to share " + name);
        }
        boolean smb3 = ctx.connection.dialect.isSmb3();
        if (share.encryptRequired() && (!smb3 || ctx.connection.cipher == null || session.cipher == null)) {
            // [MS-SMB2] 3.3.5.7: Share.EncryptData with a client that cannot encrypt is refused
            // (Haven always behaves as RejectUnencryptedAccess = TRUE).
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "share " + name + " needs encryption");
        }
        TreeConnect tree = session.addTree(share, share.encryptRequired());
        ctx.tree = tree;
        int flags = share.encryptRequired() ? TreeConnectResponse.SHARE_FLAG_ENCRYPT_DATA : 0;
        int access = share.readOnly() ? READ_ACCESS : FULL_ACCESS;
        // [MS-SMB2] 3.3.5.7: SMB2_SHARE_CAP_CONTINUOUS_AVAILABILITY for a CA share on SMB 3.x.
        int caps = smb3 && share.continuouslyAvailable() ? TreeConnectResponse.SHARE_CAP_CONTINUOUS_AVAILABILITY : 0;
        return Reply.ok(new TreeConnectResponse(TreeConnectResponse.SHARE_TYPE_DISK, flags, caps, access));
    }
}
