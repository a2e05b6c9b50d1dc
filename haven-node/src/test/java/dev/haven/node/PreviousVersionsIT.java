package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.haven.testkit.Peers;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Previous Versions with the real smbclient: {@code allinfo} lists a file's versions (from
 * FSCTL_SRV_ENUMERATE_SNAPSHOTS and TWrp opens), a {@code get} of an {@code @GMT-} path returns
 * the content the file had then, and a {@code put} into one is refused.
 */
class PreviousVersionsIT {
    @TempDir
    static Path tmp;
    private static Node node;
    private static String first;
    private static String second;

    @BeforeAll
    static void start() throws Exception {
        Peers.require("smbclient", "smbclient");
        node = Node.start(TestNodes.options(tmp.resolve("node"), new ByteArrayOutputStream()));
        PreviousVersionsFixture.write(node, "report.txt", "version one");
        first = PreviousVersionsFixture.snapshot(node);
        // Tokens name seconds: the second snapshot must fall in a later second.
        PreviousVersionsFixture.awaitNextSecond(first);
        PreviousVersionsFixture.write(node, "report.txt", "version two");
        second = PreviousVersionsFixture.snapshot(node);
        assertNotEquals(first, second, "two snapshots in distinct seconds");
        PreviousVersionsFixture.write(node, "report.txt", "version three, live");
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    private record Run(int exitCode, String output) {}

    private static Run smbclient(String command) throws Exception {
        int port = node.virtualServers().get(0).smbAddress().getPort();
        List<String> cmd = new ArrayList<>(List.of("smbclient", "//127.0.0.1/data", "-p", String.valueOf(port),
                "-U", "haven%" + TestNodes.PASSWORD, "-c", command));
        Process p = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("smbclient hung: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void allinfoListsBothVersions() throws Exception {
        Run run = smbclient("allinfo report.txt");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains(first) && run.output().contains(second), run.output());
    }

    @Test
    void getOfAGmtPathReturnsTheOldContent() throws Exception {
        Run one = smbclient("get " + first + "\\report.txt one.txt");
        assertEquals(0, one.exitCode(), one.output());
        assertEquals("version one", Files.readString(tmp.resolve("one.txt")));
        Run two = smbclient("get " + second + "\\report.txt two.txt");
        assertEquals(0, two.exitCode(), two.output());
        assertEquals("version two", Files.readString(tmp.resolve("two.txt")));
        Run live = smbclient("get report.txt live.txt");
        assertEquals(0, live.exitCode(), live.output());
        assertEquals("version three, live", Files.readString(tmp.resolve("live.txt")));
    }

    @Test
    void putIntoAVersionIsRefused() throws Exception {
        Files.writeString(tmp.resolve("new.txt"), "should not land");
        Run put = smbclient("put new.txt " + first + "\\report.txt");
        assertTrue(put.output().contains("NT_STATUS_MEDIA_WRITE_PROTECTED"), put.output());
        Run get = smbclient("get " + first + "\\report.txt again.txt");
        assertEquals("version one", Files.readString(tmp.resolve("again.txt")), get.output());
    }

    @Test
    void aTokenNamingNoSnapshotIsNotFound() throws Exception {
        Run run = smbclient("get @GMT-2001.01.01-00.00.00\\report.txt none.txt");
        assertTrue(run.output().contains("NT_STATUS_OBJECT_NAME_NOT_FOUND")
                || run.output().contains("NT_STATUS_OBJECT_PATH_NOT_FOUND"), run.output());
    }
}
