package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import dev.haven.testkit.Peers;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Share enumeration over srvsvc with Samba's smbclient -L and rpcclient (Debian's smbclient package, which ships both). */
class ShareEnumIT {
    private static final byte[] PASS_HASH = UserDirectory.hashPassword("pass");
    private static SmbServerConfig config;
    private static SmbServer server;

    @BeforeAll
    static void start() throws Exception {
        Peers.require("smbclient", "smbclient");
        UserDirectory users = name -> name.equalsIgnoreCase("user") ? Optional.of(PASS_HASH.clone()) : Optional.empty();
        List<ShareConfig> shares = List.of(new ShareConfig("data", false, false), new ShareConfig("secret", true, false),
                new ShareConfig("hidden$", false, true));
        config = new SmbServerConfig(users, new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test"), shares,
                Clock.systemUTC());
        server = SmbServer.start(config, "127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("hung: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), cmd + "\n" + out);
        return out;
    }

    private static void assertListed(String out, String name, String type) {
        assertTrue(Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + "\\s+" + type + "\\b").matcher(out).find(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB2_10", "SMB3_00", "SMB3_11"})
    void smbclientListsTheShares(String protocol) throws Exception {
        String out = run(List.of("smbclient", "-L", "//127.0.0.1", "-p", String.valueOf(server.port()), "-U",
                "user%pass", "-m", protocol));
        assertListed(out, "data", "Disk");
        assertListed(out, "secret", "Disk");
        assertListed(out, "hidden$", "Disk");
        assertListed(out, "IPC$", "IPC");
    }

    @Test
    void smbclientListsTheSharesOverAnEncryptedSession() throws Exception {
        String out = run(List.of("smbclient", "-L", "//127.0.0.1", "-p", String.valueOf(server.port()), "-U",
                "user%pass", "-m", "SMB3_11", "--client-protection=encrypt"));
        assertListed(out, "data", "Disk");
    }

    private static Process exec(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("hung: " + cmd);
        }
        return p;
    }

    @Test
    void anonymousListingIsRefusedByDefault() throws Exception {
        Process p = exec(List.of("smbclient", "-L", "//127.0.0.1", "-p", String.valueOf(server.port()), "-N"));
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("NT_STATUS_LOGON_FAILURE"), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB3_11"})
    void whereAllowedAnonymousListsSharesButReachesNoDiskShare(String protocol) throws Exception {
        try (SmbServer open = SmbServer.start(config.withAnonymous(true), "127.0.0.1", 0)) {
            String port = String.valueOf(open.port());
            String out = run(List.of("smbclient", "-L", "//127.0.0.1", "-p", port, "-N", "-m", protocol));
            assertTrue(out.contains("Anonymous login successful"), out);
            assertListed(out, "data", "Disk");
            assertListed(out, "IPC$", "IPC");
            Process p = exec(List.of("smbclient", "//127.0.0.1/data", "-p", port, "-N", "-m", protocol, "-c", "ls"));
            String denied = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, p.exitValue(), denied);
            assertTrue(denied.contains("NT_STATUS_ACCESS_DENIED"), denied);
            // A user with a password still gets in.
            assertTrue(run(List.of("smbclient", "//127.0.0.1/data", "-p", port, "-U", "user%pass", "-m", protocol,
                    "-c", "help")).contains("ls"));
        }
    }

    @Test
    void anonymousIsRefusedWhereEverySessionMustEncrypt() throws Exception {
        SmbServerConfig encrypting = new SmbServerConfig(config.users(), config.identity(), config.shares(),
                config.clock(), true, true, config.maxFrameSize()).withAnonymous(true);
        try (SmbServer open = SmbServer.start(encrypting, "127.0.0.1", 0)) {
            Process p = exec(List.of("smbclient", "-L", "//127.0.0.1", "-p", String.valueOf(open.port()), "-N",
                    "-m", "SMB3_11"));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertNotEquals(0, p.exitValue(), out);
            assertTrue(out.contains("NT_STATUS_ACCESS_DENIED"), out);
        }
    }

    private static List<String> rpcclient(String commands) {
        List<String> cmd = new ArrayList<>(List.of("rpcclient", "-p", String.valueOf(server.port()), "-U", "user%pass",
                "127.0.0.1", "-c", commands));
        return cmd;
    }

    @Test
    void rpcclientEnumeratesSharesAndServerInfo() throws Exception {
        Peers.require("rpcclient", "smbclient");
        String out = run(rpcclient("netshareenumall; netshareenumall 1; netshareenum 0; srvinfo; netsharegetinfo secret 1"));
        assertTrue(out.contains("netname: data"), out);
        assertTrue(out.contains("netname: IPC$"), out);
        assertTrue(out.contains("remark:\tIPC Service (Haven)"), out);
        assertTrue(out.contains("platform_id     :\t500"), out);
        assertTrue(out.contains("HAVEN"), out);
        assertTrue(out.contains("netname: secret"), out);
    }

    @Test
    void rpcclientIsToldAnUnknownPipeIsNotFound() throws Exception {
        Peers.require("rpcclient", "smbclient");
        Process p = new ProcessBuilder(rpcclient("lsaquery")).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "rpcclient hung");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(out.contains("NT_STATUS_OBJECT_NAME_NOT_FOUND"), out);
    }
}
