package dev.haven.smb.server;

import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import java.time.Clock;
import java.util.List;

/**
 * What an {@link SmbServer} serves and how strictly.
 *
 * @param requireSigning [MS-SMB2] 3.3.1.5 RequireMessageSigning: authenticated sessions must sign
 * @param encryptData [MS-SMB2] 3.3.1.5 EncryptData: every 3.x session is encrypted
 * @param maxFrameSize the largest Direct TCP frame accepted; a bigger length prefix closes the
 *     connection before anything is buffered
 */
public record SmbServerConfig(UserDirectory users, ServerIdentity identity, List<ShareConfig> shares, Clock clock,
        boolean requireSigning, boolean encryptData, int maxFrameSize) {
    /** 8 MiB of payload plus room for headers, as the task for this layer fixes. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 8 * 1024 * 1024 + 64 * 1024;

    /** Copies the share list and checks it. */
    public SmbServerConfig {
        shares = List.copyOf(shares);
        if (maxFrameSize < 1024 || maxFrameSize > 0xFFFFFF) {
            throw new IllegalArgumentException("maxFrameSize must fit the 24-bit transport length");
        }
    }

    /** Signing required for authenticated sessions, encryption on request or per share. */
    public SmbServerConfig(UserDirectory users, ServerIdentity identity, List<ShareConfig> shares, Clock clock) {
        this(users, identity, shares, clock, true, false, DEFAULT_MAX_FRAME_SIZE);
    }
}
