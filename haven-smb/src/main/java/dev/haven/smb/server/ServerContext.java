package dev.haven.smb.server;

import dev.haven.files.copy.ResumeKeys;
import dev.haven.smb.auth.LogonThrottle;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every connection of one server shares: configuration, identity, randomness, throttle, the
 * resume keys of server-side copy (node-wide: a key from one tree or connection works on
 * another, [MS-SMB2] 3.3.5.15.6), the global session table (sessions outlive any one
 * connection: multichannel, [MS-SMB2] 3.3.1.5), the observer, and the shares (the configured
 * ones, plus those added while running).
 */
record ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
        ResumeKeys resumeKeys, SessionTable sessions, SmbObserver observer, List<ShareConfig> shares) {

    /** A context with fresh resume keys (see below), sessions that never expire, no observer, the configured shares. */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle) {
        this(config, serverGuid, random, throttle, new SessionTable());
    }

    /** A context over {@code sessions} that reports nothing and serves the configured shares. */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
            SessionTable sessions) {
        this(config, serverGuid, random, throttle, sessions, SmbObserver.NONE,
                new CopyOnWriteArrayList<>(config.shares()));
    }

    /** A context that reports to {@code observer} and serves {@code shares} (a list that may change). */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
            SmbObserver observer, List<ShareConfig> shares) {
        this(config, serverGuid, random, throttle, new SessionTable(), observer, shares);
    }

    /**
     * A context whose resume keys are keyed with a secret drawn from {@code random} at start, so
     * keys die with the server (durable keys come with durable handles).
     */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
            SessionTable sessions, SmbObserver observer, List<ShareConfig> shares) {
        this(config, serverGuid, random, throttle, new ResumeKeys(config.fileService(), randomBytes(random, 32),
                random.nextLong()), sessions, observer, shares);
    }

    private static byte[] randomBytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
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
