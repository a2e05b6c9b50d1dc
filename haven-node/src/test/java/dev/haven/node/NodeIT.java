package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.haven.testkit.Peers;

/** A node started in-process, reached by the real smbclient (Debian's smbclient package). */
class NodeIT {
    @TempDir
    Path tmp;

    /** Fails when smbclient is missing, or skips when HAVEN_SKIP_PEERS is set (see Peers). */
    @BeforeAll
    static void assumeSmbclient() {
        Peers.require("smbclient", "smbclient");
    }

    private record Run(int exitCode, String output) {}

    private static Run smbclient(Node node, String share, String credentials, String command)
            throws IOException, InterruptedException {
        int port = node.virtualServers().get(0).smbAddress().getPort();
        List<String> cmd = new ArrayList<>(List.of("smbclient", "//127.0.0.1/" + share, "-p", String.valueOf(port),
                "-U", credentials, "-c", command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("smbclient hung: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    private static void assertConnects(Node node, String credentials) throws Exception {
        Run run = smbclient(node, "data", credentials, "exit");
        assertEquals(0, run.exitCode(), run.output());
    }

    private static void assertRefused(Node node, String credentials) throws Exception {
        Run run = smbclient(node, "data", credentials, "exit");
        assertNotEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("NT_STATUS_LOGON_FAILURE"), run.output());
    }

    @Test
    void firstStartServesShareDataAndARestartReusesTheVolume() throws Exception {
        NodeOptions options = TestNodes.options(tmp, new ByteArrayOutputStream());
        UUID fsId;
        try (Node node = Node.start(options)) {
            assertTrue(Files.isRegularFile(tmp.resolve("haven.conf")));
            assertTrue(Files.isDirectory(tmp.resolve(EmbeddedDefault.VOLUME)));
            assertConnects(node, "haven%" + TestNodes.PASSWORD);
            assertRefused(node, "haven%wrong");
            fsId = node.fileSystem("data").orElseThrow().fs().fsId();
        }
        try (Node node = Node.start(options)) {
            assertEquals(fsId, node.fileSystem("data").orElseThrow().fs().fsId());
            assertConnects(node, "haven%" + TestNodes.PASSWORD);
        }
    }

    @Test
    void aFileWrittenThroughShareDataSurvivesARestart() throws Exception {
        NodeOptions options = TestNodes.options(tmp, new ByteArrayOutputStream());
        Path local = tmp.resolve("hello.txt");
        Files.writeString(local, "hello from smbclient\n");
        String credentials = "haven%" + TestNodes.PASSWORD;
        try (Node node = Node.start(options)) {
            Run put = smbclient(node, "data", credentials, "put " + local + " hello.txt; ls");
            assertEquals(0, put.exitCode(), put.output());
            assertTrue(put.output().contains("hello.txt"), put.output());
        }
        Path back = tmp.resolve("back.txt");
        try (Node node = Node.start(options)) {
            // The default file system is case-insensitive.
            Run get = smbclient(node, "data", credentials, "get HELLO.TXT " + back);
            assertEquals(0, get.exitCode(), get.output());
        }
        assertEquals("hello from smbclient\n", Files.readString(back));
    }

    @Test
    void aRunningNodeSeesUserChangesAtTheNextLogon() throws Exception {
        try (Node node = Node.start(TestNodes.options(tmp, new ByteArrayOutputStream()))) {
            UserStore admin = new UserStore(tmp.resolve(DataDirectory.USERS)); // as 'haven user' does
            admin.add("alice", "alice-pw");
            assertConnects(node, "alice%alice-pw");
            admin.setPassword("haven", "new-pw");
            assertRefused(node, "haven%" + TestNodes.PASSWORD);
            assertConnects(node, "haven%new-pw");
            admin.delete("alice");
            assertRefused(node, "alice%alice-pw");
        }
    }
}
