package dev.haven.smb.server;

import dev.haven.smb.auth.LogonThrottle;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every connection of one server shares: configuration, identity, randomness, throttle, the
 * observer, and the shares (the configured ones, plus those added while running).
 */
record ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
        SmbObserver observer, List<ShareConfig> shares) {
    /** A context that reports nothing and serves the configured shares. */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle) {
        this(config, serverGuid, random, throttle, SmbObserver.NONE, new CopyOnWriteArrayList<>(config.shares()));
    }

    Clock clock() {
        return config.clock();
    }

    dev.haven.files.service.FileService fileService() {
        return config.fileService();
    }

    /** [MS-SMB2] 2.2.3: the share called {@code name}, or null. */
    ShareConfig share(String name) {
        for (ShareConfig s : shares) {
            if (s.matches(name)) {
                return s;
            }
        }
        return null;
    }
}
