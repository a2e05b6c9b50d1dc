package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
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
import dev.haven.testkit.Peers;

/** The real smbclient (Debian's smbclient package) against an SmbServer on an ephemeral port. */
class SmbClientIT {
    private static final byte[] PASS_HASH = UserDirectory.hashPassword("pass");
    private static SmbServer server;
    private static SmbServer encryptingServer;

    @BeforeAll
    static void startServers() throws Exception {
        assumeSmbclient();
        server = startServer(false);
        encryptingServer = startServer(true);
    }

    /** One user (user/pass), share "data" and share "secret" that requires encryption. */
    private static SmbServer startServer(boolean encryptData) throws InterruptedException {
        UserDirectory users = name -> name.equalsIgnoreCase("user") ? Optional.of(PASS_HASH.clone()) : Optional.empty();
        ServerIdentity identity = new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test");
        List<ShareConfig> shares = List.of(new ShareConfig("data", false, false), new ShareConfig("secret", true, false));
        return SmbServer.start(new SmbServerConfig(users, identity, shares, Clock.systemUTC(), true, encryptData,
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
        Peers.require("smbclient", "smbclient");
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

    private static void assertConnects(SmbServer target, String share, String... options) throws Exception {
        Run run = smbclient(target, share, "user%pass", options);
        assertEquals(0, run.exitCode(), run.output());
    }

    private static void assertFailsWith(String status, SmbServer target, String share, String credentials,
            String... options) throws Exception {
        Run run = smbclient(target, share, credentials, options);
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(status), run.output());
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB2_10", "SMB3_00", "SMB3_02", "SMB3", "SMB3_11"})
    void connectsAndDisconnectsWithEachDialect(String protocol) throws Exception {
        assertConnects(server, "data", "-m", protocol);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB3_00", "SMB3_11"})
    void signsWhenTheClientDemandsSigning(String protocol) throws Exception {
        assertConnects(server, "data", "-m", protocol, "--client-protection=sign");
    }

    // smbclient 4.17 has no -e option; --client-protection=encrypt is its way to ask for encryption.
    @ParameterizedTest
    @ValueSource(strings = {"SMB3_00", "SMB3_02", "SMB3_11"})
    void encryptsWhenTheClientRequiresEncryption(String protocol) throws Exception {
        assertConnects(server, "data", "-m", protocol, "--client-protection=encrypt");
    }

    /** [MS-SMB2] 3.3.5.3.1: with SMB1 allowed, smbclient starts with an SMB1 negotiate. */
    @ParameterizedTest
    @ValueSource(strings = {"SMB2_02", "SMB3_11"})
    void upgradesAnSmb1NegotiateToSmb2(String protocol) throws Exception {
        assertConnects(server, "data", "-m", protocol, "--option=client min protocol=NT1");
    }

    @Test
    void encryptsEverySessionWhenTheServerSaysSo() throws Exception {
        assertConnects(encryptingServer, "data", "-m", "SMB3_11");
    }

    @Test
    void refusesClientsThatCannotEncryptWhenTheServerEncryptsEverything() throws Exception {
        assertFailsWith("NT_STATUS_ACCESS_DENIED", encryptingServer, "data", "user%pass", "-m", "SMB2_10");
    }

    @Test
    void encryptsOnAShareThatRequiresIt() throws Exception {
        assertConnects(server, "secret", "-m", "SMB3_11");
    }

    @Test
    void refusesAnEncryptedShareToSmb2() throws Exception {
        assertFailsWith("NT_STATUS_ACCESS_DENIED", server, "secret", "user%pass", "-m", "SMB2_10");
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
        assertFailsWith("NT_STATUS_LOGON_FAILURE", server, "data", "user%wrong", "-m", "SMB3_11");
    }

    /** LogonThrottle: after five failures replies are held back (on a timer, not a blocked thread). */
    @Test
    void keepsAnsweringWhileThrottlingWrongPasswords() throws Exception {
        try (SmbServer throttled = startServer(false)) {
            for (int i = 0; i < 7; i++) {
                Run run = smbclient(throttled, "data", "user%wrong" + i, "-m", "SMB3_11");
                assertTrue(run.output().contains("NT_STATUS_LOGON_FAILURE"), run.output());
            }
            assertConnects(throttled, "data", "-m", "SMB3_11");
        }
    }

    @Test
    void connectsToIpc() throws Exception {
        assertConnects(server, "IPC$", "-m", "SMB3_11");
    }

    @Test
    void rejectsAnUnknownShare() throws Exception {
        assertFailsWith("NT_STATUS_BAD_NETWORK_NAME", server, "nosuchshare", "user%pass", "-m", "SMB3_11");
    }
}
