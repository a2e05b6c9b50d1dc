package dev.haven.smb.server;

/**
 * [MS-SMB2] 3.3.1.10: one tree connect of a session.
 *
 * @param share null for IPC$
 * @param encryptData responses on this tree must be encrypted (3.3.4.1.4)
 * @param pipes the named-pipe opens (used on IPC$ only)
 */
record TreeConnect(int treeId, ShareConfig share, boolean encryptData, PipeTable pipes) {
    TreeConnect(int treeId, ShareConfig share, boolean encryptData) {
        this(treeId, share, encryptData, new PipeTable());
    }
}
