package dev.haven.smb.server;

import dev.haven.smb.auth.LogonThrottle;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.WireWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** A server context and request builders for server unit tests. */
final class TestServers {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private TestServers() {
    }

    static ServerContext context() {
        byte[] hash = UserDirectory.hashPassword("pass");
        return context(n -> n.equalsIgnoreCase("user") ? Optional.of(hash.clone()) : Optional.empty());
    }

    static ServerContext context(UserDirectory users) {
        SmbServerConfig config = new SmbServerConfig(users, new ServerIdentity("HAVEN", "WORKGROUP", "h.test", "test"),
                List.of(new ShareConfig("data", false, false)), CLOCK);
        return new ServerContext(config, new byte[16], new SecureRandom(), new LogonThrottle(CLOCK));
    }

    /** A server whose share "data" is {@code fs} through {@code service}; any user name logs on with "pass". */
    static ServerContext withStorage(dev.haven.fs.HavenFs fs, dev.haven.files.service.FileService service) {
        byte[] hash = UserDirectory.hashPassword("pass");
        // Every user of a node has a SID (the access check needs one to own what it creates).
        UserDirectory users = new UserDirectory() {
            @Override
            public Optional<byte[]> ntHash(String userName) {
                return Optional.of(hash.clone());
            }

            @Override
            public Optional<dev.haven.files.security.Sid> sid(String userName) {
                return Optional.of(dev.haven.files.security.Sid.parse("S-1-5-21-1-2-3-1000"));
            }
        };
        SmbServerConfig config = new SmbServerConfig(users,
                new ServerIdentity("HAVEN", "WORKGROUP", "h.test", "test"),
                List.of(new ShareConfig(dev.haven.files.service.Share.of("data", fs, false), false)), CLOCK, true, false,
                SmbServerConfig.DEFAULT_MAX_FRAME_SIZE, service);
        return new ServerContext(config, new byte[16], new SecureRandom(), new LogonThrottle(CLOCK));
    }

    static Connection connection() {
        return new Connection(context(), "192.0.2.1", new RecordingOutput());
    }

    /** One request: header fields plus a body written by {@code body}. */
    static byte[] request(Command command, long messageId, int flags, long sessionId, int treeId,
            Consumer<WireWriter> body) {
        WireWriter w = new WireWriter();
        new Smb2Header(1, NtStatus.SUCCESS, command, 8, flags, 0, messageId, 0, treeId, sessionId, null).encode(w);
        body.accept(w);
        return w.toByteArray();
    }

    static byte[] negotiate(long messageId, Integer... dialects) {
        NegotiateRequest n = new NegotiateRequest(1, 0x7F, new byte[16], List.of(dialects), List.of());
        return request(Command.NEGOTIATE, messageId, 0, 0, 0, n::encodeBody);
    }

    static byte[] echo(long messageId) {
        return request(Command.ECHO, messageId, 0, 0, 0, w -> w.u16(4).u16(0));
    }
}
