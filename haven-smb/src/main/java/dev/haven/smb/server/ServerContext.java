package dev.haven.smb.server;

import dev.haven.smb.auth.LogonThrottle;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * What every connection of one server shares: configuration, identity, randomness, throttle, and
 * the sender of oplock and lease breaks.
 */
record ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
        BreakSender breaks) {
    /** A context whose break sender listens to the configured file service's leases. */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle) {
        this(config, serverGuid, random, throttle, new BreakSender(config.fileService().leases()));
    }

    Clock clock() {
        return config.clock();
    }

    dev.haven.files.service.FileService fileService() {
        return config.fileService();
    }

    /** [MS-SMB2] 2.2.3: the share called {@code name}, or null. */
    ShareConfig share(String name) {
        for (ShareConfig s : config.shares()) {
            if (s.matches(name)) {
                return s;
            }
        }
        return null;
    }
}
