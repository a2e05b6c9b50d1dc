package dev.haven.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.admin.AdminServer;
import dev.haven.node.Node;
import dev.haven.node.NodeOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The node-management forms of the CLI: through the admin API of a running node, and offline
 * (the data directory locked for the command) when none runs; offline volume commands refuse
 * politely while a node holds the volume.
 */
class NodeCommandsTest {
    @TempDir
    Path tmp;

    private NodeOptions options(Path data) {
        return NodeOptions.defaults(data).withAddress("127.0.0.1", 0).withInitialPassword("pw")
                .withDefaultVolumeBytes(256L << 20)
                .withOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void everyFormWorksAgainstARunningNode() throws Exception {
        Path data = tmp.resolve("data");
        String d = data.toString();
        try (Node node = Node.start(options(data));
                AdminServer admin = AdminServer.start(node, "127.0.0.1", 0, Clock.systemUTC())) {
            assertEquals(admin.baseUrl(), Files.readString(data.resolve(AdminServer.URL_FILE)).strip());
            assertTrue(CliRun.ok("status", "--data", d).out().contains("virtual server:  default RUNNING"));
            assertTrue(CliRun.ok("fs", "list", "--data", d).out().contains("data"));
            CliRun created = CliRun.ok("snapshot", "create", "data", "--name", "one", "--data", d);
            assertTrue(created.out().startsWith("one\n(changes paused "), created.out());
            assertTrue(CliRun.ok("snapshot", "list", "data", "--data", d).out().contains("one "));
            CliRun w = CliRun.ok("snapshot", "writable", "data", "one", "--name", "copy", "--share", "copyshare",
                    "--data", d);
            assertTrue(w.out().contains("serving it read-write as share copyshare"), w.out());
            assertTrue(CliRun.ok("share", "list", "--data", d).out().contains("data@copy"));
            CliRun refused = CliRun.run("snapshot", "refresh", "data", "copy", "--data", d);
            assertEquals(1, refused.code());
            assertTrue(refused.err().contains("a share serves it"), refused.err());
            CliRun.ok("share", "delete", "copyshare", "--data", d);
            assertTrue(CliRun.ok("snapshot", "refresh", "data", "copy", "--data", d).out().startsWith("refreshed copy"));
            CliRun.ok("share", "add", "docs", "--fs", "data", "--read-only", "--data", d);
            assertTrue(CliRun.ok("share", "list", "--data", d).out().contains("read-only"));
            assertTrue(CliRun.ok("session", "list", "--data", d).out().startsWith("SESSION"));
            assertTrue(CliRun.ok("open", "list", "--data", d).out().startsWith("SHARE"));
            CliRun restore = CliRun.ok("snapshot", "restore", "data", "--from", "one", "--data", d);
            assertTrue(restore.out().contains("restored data from one"), restore.out());
            CliRun.ok("snapshot", "delete", "data", "copy", "--data", d);

            CliRun offline = CliRun.run("snapshot", "list", data.resolve("volumes/data").toString());
            assertEquals(1, offline.code());
            assertTrue(offline.err().contains("a Haven node is running on"), offline.err());
            CliRun fsCheck = CliRun.run("fs", "check", data.resolve("volumes/data").toString());
            assertEquals(1, fsCheck.code());
            assertTrue(fsCheck.err().contains("a Haven node is running on"), fsCheck.err());
        }
        assertFalse(Files.exists(data.resolve(AdminServer.URL_FILE)), "admin.url goes with the node");
    }

    @Test
    void theSameFormsWorkOfflineWhenNoNodeRuns() throws Exception {
        Path data = tmp.resolve("data");
        String d = data.toString();
        Node.start(options(data)).close();
        assertTrue(CliRun.ok("status", "--data", d).out().contains("not running"));
        assertTrue(CliRun.ok("fs", "list", "--data", d).out().contains("data"));
        CliRun.ok("snapshot", "create", "data", "--name", "off", "--data", d);
        assertTrue(CliRun.ok("snapshot", "list", "data", "--data", d).out().contains("off "));
        CliRun.ok("share", "add", "old", "--fs", "data@off", "--data", d);
        assertTrue(Files.readString(data.resolve("haven.conf")).contains("snapshot = off"));
        CliRun bad = CliRun.run("share", "add", "x", "--fs", "data@nope", "--data", d);
        assertEquals(2, bad.code(), bad.err());
        assertTrue(CliRun.ok("share", "list", "--data", d).out().contains("data@off"));
        CliRun.ok("share", "delete", "old", "--data", d);
        CliRun.ok("snapshot", "delete", "data", "off", "--data", d);
        assertTrue(CliRun.ok("session", "list", "--data", d).err().contains("no node is running"));
        try (Node node = Node.start(options(data))) {
            assertEquals(1, node.shares().size(), "the offline changes are what the node serves");
        }
        CliRun none = CliRun.run("status", "--data", tmp.resolve("empty").toString());
        assertEquals(1, none.code());
        assertTrue(none.err().contains("no Haven node in"), none.err());
    }
}
