package dev.haven.smb.server;

import dev.haven.files.service.FileService;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.files.lease.LeaseManager;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * What an {@link SmbServer} serves and how strictly.
 *
 * @param requireSigning [MS-SMB2] 3.3.1.5 RequireMessageSigning: authenticated sessions must sign
 * @param encryptData [MS-SMB2] 3.3.1.5 EncryptData: every 3.x session is encrypted
 * @param maxFrameSize the largest Direct TCP frame accepted; a bigger length prefix closes the
 *     connection before anything is buffered
 * @param breakTimeout [MS-SMB2] 3.3.2.1 oplock break acknowledgment timer (and 3.3.2.5 lease break
 *     acknowledgment timer): how long a client has to acknowledge a break; 35 s by default
 * @param anonymous null sessions ([MS-SMB2] 3.3.5.5.3 Session.IsAnonymous) are accepted; they
 *     reach IPC$ only (share enumeration), never a disk share. Off by default.
 */
public record SmbServerConfig(UserDirectory users, ServerIdentity identity, List<ShareConfig> shares, Clock clock,
        boolean requireSigning, boolean encryptData, int maxFrameSize, FileService fileService,
        Duration breakTimeout, boolean anonymous) {
    /** 8 MiB of payload plus room for headers, as the task for this layer fixes. */
    public static final int DEFAULT_MAX_FRAME_SIZE = 8 * 1024 * 1024 + 64 * 1024;

    /** Copies the share list and checks it. */
    public SmbServerConfig {
        shares = List.copyOf(shares);
        if (maxFrameSize < 1024 || maxFrameSize > 0xFFFFFF) {
            throw new IllegalArgumentException("maxFrameSize must fit the 24-bit transport length");
        }
    }

    /** A configuration with the default break acknowledgment timeout and no null sessions. */
    public SmbServerConfig(UserDirectory users, ServerIdentity identity, List<ShareConfig> shares, Clock clock,
            boolean requireSigning, boolean encryptData, int maxFrameSize, FileService fileService) {
        this(users, identity, shares, clock, requireSigning, encryptData, maxFrameSize, fileService,
                LeaseManager.DEFAULT_BREAK_TIMEOUT, false);
    }

    /** This configuration with another break acknowledgment timeout (tests use a short one). */
    public SmbServerConfig withBreakTimeout(Duration timeout) {
        return new SmbServerConfig(users, identity, shares, clock, requireSigning, encryptData, maxFrameSize,
                fileService, timeout, anonymous);
    }

    /** This configuration with null sessions accepted or refused. */
    public SmbServerConfig withAnonymous(boolean allowed) {
        return new SmbServerConfig(users, identity, shares, clock, requireSigning, encryptData, maxFrameSize,
                fileService, breakTimeout, allowed);
    }

    /** A configuration with a file service of its own. */
    public SmbServerConfig(UserDirectory users, ServerIdentity identity, List<ShareConfig> shares, Clock clock,
            boolean requireSigning, boolean encryptData, int maxFrameSize) {
        this(users, identity, shares, clock, requireSigning, encryptData, maxFrameSize, new FileService());
    }

    /** Signing required for authenticated sessions, encryption on request or per share. */
    public SmbServerConfig(UserDirectory users, ServerIdentity identity, List<ShareConfig> shares, Clock clock) {
        this(users, identity, shares, clock, true, false, DEFAULT_MAX_FRAME_SIZE);
    }
}
