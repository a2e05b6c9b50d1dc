package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
    private static SmbServer server;

    @BeforeAll
    static void start() throws Exception {
        Peers.require("smbclient", "smbclient");
        UserDirectory users = name -> name.equalsIgnoreCase("user") ? Optional.of(PASS_HASH.clone()) : Optional.empty();
        List<ShareConfig> shares = List.of(new ShareConfig("data", false, false), new ShareConfig("secret", true, false),
                new ShareConfig("hidden$", false, true));
        server = SmbServer.start(new SmbServerConfig(users, new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test"),
                shares, Clock.systemUTC()), "127.0.0.1", 0);
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
