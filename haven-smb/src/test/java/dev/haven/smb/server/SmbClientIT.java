package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The real smbclient (Debian's smbclient package) against an SmbServer on an ephemeral port. */
class SmbClientIT {
    private static final byte[] PASS_HASH = UserDirectory.hashPassword("pass");
    private static SmbServer server;
    private static SmbServer encryptingServer;

    @BeforeAll
    static void startServers() throws Exception {
        assumeSmbclient();
        UserDirectory users = name -> name.equalsIgnoreCase("user") ? Optional.of(PASS_HASH.clone()) : Optional.empty();
        ServerIdentity identity = new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test");
        List<ShareConfig> shares = List.of(new ShareConfig("data", false, false), new ShareConfig("secret", true, false));
        server = SmbServer.start(new SmbServerConfig(users, identity, shares, Clock.systemUTC()), "127.0.0.1", 0);
        encryptingServer = SmbServer.start(new SmbServerConfig(users, identity, shares, Clock.systemUTC(), true, true,
                SmbServerConfig.DEFAULT_MAX_FRAME_SIZE), "127.0.0.1", 0);
    }

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.close();
        }
        if (encryptingServer != null) {
            encryptingServer.close();
        }
    }

    private static void assumeSmbclient() {
        if (new File("/usr/bin/smbclient").canExecute() || onPath("smbclient")) {
            return;
        }
        assumeTrue(System.getenv("HAVEN_SKIP_PEERS") == null, "HAVEN_SKIP_PEERS is set and smbclient is missing");
        fail("smbclient is missing: apt-get install smbclient (or set HAVEN_SKIP_PEERS to skip peer tests)");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return true;
            }
        }
        return false;
    }

    private record Run(int exitCode, String output) {
    }

    private static Run smbclient(SmbServer target, String share, String credentials, String... extra)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("smbclient", "//127.0.0.1/" + share, "-p",
                String.valueOf(target.port()), "-U", credentials, "-c", "exit"));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("smbclient hung: " + cmd);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Run(p.exitValue(), out);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB2_10", "SMB3_00", "SMB3_02", "SMB3", "SMB3_11"})
    void connectsAndDisconnectsWithEachDialect(String protocol) throws Exception {
        Run run = smbclient(server, "data", "user%pass", "-m", protocol);
        assertEquals(0, run.exitCode(), run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB3_00", "SMB3_11"})
    void signsWhenTheClientDemandsSigning(String protocol) throws Exception {
        Run run = smbclient(server, "data", "user%pass", "-m", protocol, "--client-protection=sign");
        assertEquals(0, run.exitCode(), run.output());
    }

    // smbclient 4.17 has no -e option; --client-protection=encrypt is its way to ask for encryption.
    @ParameterizedTest
    @ValueSource(strings = {"SMB3_00", "SMB3_02", "SMB3_11"})
    void encryptsWhenTheClientRequiresEncryption(String protocol) throws Exception {
        Run run = smbclient(server, "data", "user%pass", "-m", protocol, "--client-protection=encrypt");
        assertEquals(0, run.exitCode(), run.output());
    }

    /** [MS-SMB2] 3.3.5.3.1: with SMB1 allowed, smbclient starts with an SMB1 negotiate. */
    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB3_11"})
    void upgradesAnSmb1NegotiateToSmb2(String protocol) throws Exception {
        Run run = smbclient(server, "data", "user%pass", "-m", protocol, "--option=client min protocol=NT1");
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void encryptsEverySessionWhenTheServerSaysSo() throws Exception {
        Run run = smbclient(encryptingServer, "data", "user%pass", "-m", "SMB3_11");
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void encryptsOnAShareThatRequiresIt() throws Exception {
        Run run = smbclient(server, "secret", "user%pass", "-m", "SMB3_11");
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void refusesAnEncryptedShareToSmb2() throws Exception {
        Run run = smbclient(server, "secret", "user%pass", "-m", "SMB2_10");
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("NT_STATUS_ACCESS_DENIED"), run.output());
    }

    @Test
    void answersFileCommandsWithNotSupportedAndStaysConnected() throws Exception {
        List<String> cmd = List.of("smbclient", "//127.0.0.1/data", "-p", String.valueOf(server.port()), "-U",
                "user%pass", "-m", "SMB3_11", "-c", "ls; ls");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "smbclient hung");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Both listings reach the server and fail cleanly: the first did not drop the connection.
        assertEquals(2, out.split("NT_STATUS_NOT_SUPPORTED", -1).length - 1, out);
    }

    @Test
    void rejectsAWrongPassword() throws Exception {
        Run run = smbclient(server, "data", "user%wrong", "-m", "SMB3_11");
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("NT_STATUS_LOGON_FAILURE"), run.output());
    }

    /** LogonThrottle: after five failures replies are held back (on a timer, not a blocked thread). */
    @Test
    void keepsAnsweringWhileThrottlingWrongPasswords() throws Exception {
        UserDirectory users = name -> name.equalsIgnoreCase("user") ? Optional.of(PASS_HASH.clone()) : Optional.empty();
        ServerIdentity identity = new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test");
        try (SmbServer throttled = SmbServer.start(new SmbServerConfig(users, identity,
                List.of(new ShareConfig("data", false, false)), Clock.systemUTC()), "127.0.0.1", 0)) {
            for (int i = 0; i < 7; i++) {
                Run run = smbclient(throttled, "data", "user%wrong" + i, "-m", "SMB3_11");
                assertTrue(run.output().contains("NT_STATUS_LOGON_FAILURE"), run.output());
            }
            Run ok = smbclient(throttled, "data", "user%pass", "-m", "SMB3_11");
            assertEquals(0, ok.exitCode(), ok.output());
        }
    }

    @Test
    void connectsToIpc() throws Exception {
        Run run = smbclient(server, "IPC$", "user%pass", "-m", "SMB3_11");
        assertEquals(0, run.exitCode(), run.output());
    }

    @Test
    void rejectsAnUnknownShare() throws Exception {
        Run run = smbclient(server, "nosuchshare", "user%pass", "-m", "SMB3_11");
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("NT_STATUS_BAD_NETWORK_NAME"), run.output());
    }
}
