package dev.haven.smb.rpc;

import java.util.List;

/**
 * What srvsvc tells about the server: its NetBIOS name, comment and shares (IPC$ included).
 * Supplied by the SMB server when a pipe opens, so a listing shows the shares of that moment.
 */
public record ServerDescription(String serverName, String comment, List<ShareEntry> shares) {
    /** Copies the list. */
    public ServerDescription {
        shares = List.copyOf(shares);
    }
}
