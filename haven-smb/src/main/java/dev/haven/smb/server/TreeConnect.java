package dev.haven.smb.server;

/**
 * [MS-SMB2] 3.3.1.10: one tree connect of a session.
 *
 * @param share null for IPC$
 * @param encryptData responses on this tree must be encrypted (3.3.4.1.4)
 */
record TreeConnect(int treeId, ShareConfig share, boolean encryptData) {}
