package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.Peers;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writable snapshots served as shares are isolated from production both ways, survive a restart
 * (the share is in haven.conf), and a restore while a client stays connected shows the restored
 * data to that client's next command.
 */
class SnapshotSharesIT {
    @TempDir
    Path tmp;

    @BeforeAll
    static void needsSmbclient() {
        Peers.require("smbclient", "smbclient");
    }

    private static String credentials() {
        return "haven%" + TestNodes.PASSWORD;
    }

    private Path local(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }

    private static String joined(List<String> lines) {
        return String.join("\n", lines);
    }

    @Test
    void aWritableSnapshotShareNeverReachesProductionAndSurvivesARestart() throws Exception {
        NodeOptions options = TestNodes.options(tmp.resolve("data"), new ByteArrayOutputStream());
        try (Node node = Node.start(options)) {
            int port = node.virtualServers().get(0).smbAddress().getPort();
            try (SmbClientSession prod = new SmbClientSession(port, "data", credentials())) {
                prod.run("put " + local("a.txt", "production") + " a.txt");
                node.createSnapshot("data", "base");
                node.requireFileSystem("data").createWritable("base", "test-copy");
                node.addShare(new ShareDefinition("copy", "data", "/", false, false, CaseHandling.INSENSITIVE,
                        "test-copy"));
                try (SmbClientSession copy = new SmbClientSession(port, "copy", credentials())) {
                    copy.run("put " + local("b.txt", "only in the copy") + " b.txt");
                    copy.run("put " + local("a2.txt", "changed in the copy") + " a.txt");
                    prod.run("put " + local("c.txt", "only in production") + " c.txt");
                    String copyLs = joined(copy.run("ls"));
                    String prodLs = joined(prod.run("ls"));
                    assertTrue(copyLs.contains("b.txt") && !copyLs.contains("c.txt"), copyLs);
                    assertTrue(prodLs.contains("c.txt") && !prodLs.contains("b.txt"), prodLs);
                    prod.run("get a.txt " + tmp.resolve("prod-a.txt"));
                    copy.run("get a.txt " + tmp.resolve("copy-a.txt"));
                }
            }
            assertEquals("production", Files.readString(tmp.resolve("prod-a.txt")));
            assertEquals("changed in the copy", Files.readString(tmp.resolve("copy-a.txt")));
            assertThrows(IllegalStateException.class, () -> node.requireFileSystem("data").delete("test-copy"),
                    "a snapshot a share serves cannot be deleted");
            assertTrue(Files.readString(tmp.resolve("data/haven.conf")).contains("snapshot = test-copy"));
        }
        try (Node node = Node.start(options)) {
            int port = node.virtualServers().get(0).smbAddress().getPort();
            try (SmbClientSession copy = new SmbClientSession(port, "copy", credentials())) {
                assertTrue(joined(copy.run("ls")).contains("b.txt"));
            }
            node.deleteShare("copy");
            assertFalse(Files.readString(tmp.resolve("data/haven.conf")).contains("[share copy]"));
            node.requireFileSystem("data").delete("test-copy");
        }
    }

    @Test
    void aRestoreShowsTheRestoredDataToAClientThatStaysConnected() throws Exception {
        try (Node node = Node.start(TestNodes.options(tmp.resolve("data"), new ByteArrayOutputStream()))) {
            int port = node.virtualServers().get(0).smbAddress().getPort();
            try (SmbClientSession client = new SmbClientSession(port, "data", credentials())) {
                client.run("put " + local("keep.txt", "before") + " keep.txt");
                node.createSnapshot("data", "good");
                client.run("put " + local("keep2.txt", "after the snapshot") + " keep.txt");
                client.run("put " + local("late.txt", "late") + " late.txt");
                node.restore("data", "good");
                String ls = joined(client.run("ls"));
                assertTrue(ls.contains("keep.txt") && !ls.contains("late.txt"), ls);
                client.run("get keep.txt " + tmp.resolve("back.txt"));
                assertEquals("before", Files.readString(tmp.resolve("back.txt")));
                client.run("put " + local("new.txt", "written after the restore") + " new.txt");
                assertTrue(joined(client.run("ls")).contains("new.txt"));
            }
            assertTrue(node.requireFileSystem("data").snapshots().stream()
                    .anyMatch(s -> s.name().startsWith("pre-restore-")), "the pre-restore state is kept");
        }
    }
}
