package dev.haven.smb.server;

import dev.haven.files.copy.ResumeKeys;
import dev.haven.smb.auth.LogonThrottle;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What every connection of one server shares: configuration, identity, randomness, throttle, the
 * address it listens on (null: every address), the resume keys of server-side copy (server-wide:
 * a key from one tree or connection works on another, [MS-SMB2] 3.3.5.15.6), the global session
 * table (sessions outlive any one connection: multichannel, [MS-SMB2] 3.3.1.5), the observer,
 * the shares (the configured ones, plus those added while running), and the sender of oplock and
 * lease breaks.
 */
record ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
        String listenHost, ResumeKeys resumeKeys, SessionTable sessions, SmbObserver observer,
        List<ShareConfig> shares, BreakSender breaks) {

    /** A context on every address that reports nothing, with sessions that never expire. */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle) {
        this(config, serverGuid, random, throttle, new SessionTable());
    }

    /** A context on every address that reports nothing, with the given sessions. */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
            SessionTable sessions) {
        this(config, serverGuid, random, throttle, null, sessions, SmbObserver.NONE);
    }

    /** A context listening on {@code listenHost} that reports to {@code observer}. */
    ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
            String listenHost, SmbObserver observer) {
        this(config, serverGuid, random, throttle, listenHost, new SessionTable(), observer);
    }

    /**
     * Resume keys are keyed with a secret drawn from {@code random} at start, so keys die with the
     * server (durable keys come with durable handles); the shares start as the configured ones;
     * the break sender listens to the configured file service's leases.
     */
    private ServerContext(SmbServerConfig config, byte[] serverGuid, SecureRandom random, LogonThrottle throttle,
            String listenHost, SessionTable sessions, SmbObserver observer) {
        this(config, serverGuid, random, throttle, listenHost, new ResumeKeys(config.fileService(),
                randomBytes(random, 32), random.nextLong()), sessions, observer,
                new CopyOnWriteArrayList<>(config.shares()), new BreakSender(config.fileService().leases()));
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
