package dev.haven.smb.server;

import dev.haven.smb.auth.LogonThrottle;
import java.security.SecureRandom;
import java.time.Clock;

/** What every connection of one server shares: configuration, identity, randomness, throttle. */
record ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle) {
    Clock clock() {
        return config.clock();
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
