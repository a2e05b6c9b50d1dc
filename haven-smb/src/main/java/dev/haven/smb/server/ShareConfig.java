package dev.haven.smb.server;

import java.util.Locale;

/**
 * A share the server offers. Until the file service exists this is only what TREE_CONNECT needs.
 *
 * @param encryptRequired [MS-SMB2] 3.3.1.6 Share.EncryptData: 3.x clients must encrypt, older
 *     dialects are refused
 */
public record ShareConfig(String name, boolean encryptRequired, boolean readOnly) {
    /** Checks the name. */
    public ShareConfig {
        if (name == null || name.isEmpty() || name.contains("\\") || name.contains("/")) {
            throw new IllegalArgumentException("bad share name: " + name);
        }
    }

    /** Share names compare case-insensitively ([MS-SMB2] 3.3.5.7). */
    boolean matches(String shareName) {
        return name.toLowerCase(Locale.ROOT).equals(shareName.toLowerCase(Locale.ROOT));
    }
}
