package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.auth.UserDirectory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeTest {
    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private Node start() throws Exception {
        return Node.start(TestNodes.options(tmp, out));
    }

    @Test
    void firstStartCreatesTheEmbeddedDefault() throws Exception {
        try (Node node = start()) {
            VirtualServer vs = node.virtualServers().get(0);
            assertEquals(VirtualServerState.RUNNING, vs.state());
            assertNotEquals(0, vs.smbAddress().getPort());
            assertTrue(node.fileSystem("data").orElseThrow().fs().caseInsensitive());
            assertEquals(TestNodes.VOLUME_BYTES, node.fileSystem("data").orElseThrow().volume().info().sizeBytes());
            assertEquals(List.of("haven"), node.users().list());
            assertArrayEquals(UserDirectory.hashPassword(TestNodes.PASSWORD),
                    node.users().ntHash("haven").orElseThrow());
            // The configuration keeps the ephemeral port asked for at first start.
            assertTrue(Files.readString(tmp.resolve("haven.conf")).contains("port = 0"));
            assertEquals("", out.toString(StandardCharsets.UTF_8), "a given password is not printed");
        }
    }

    @Test
    void printsAGeneratedPasswordOnceAndItWorks() throws Exception {
        NodeOptions options = TestNodes.options(tmp, out).withInitialPassword(null);
        String password;
        try (Node node = Node.start(options)) {
            String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("Created user 'haven' with password: "), text);
            password = text.substring(text.indexOf(": ") + 2, text.indexOf("  ("));
            assertEquals(20, password.length());
            assertArrayEquals(UserDirectory.hashPassword(password), node.users().ntHash("haven").orElseThrow());
        }
        out.reset();
        Node.start(options).close();
        assertEquals("", out.toString(StandardCharsets.UTF_8), "later starts print no password");
    }

    @Test
    void restartReusesTheVolumeAndFileSystem() throws Exception {
        UUID id;
        try (Node node = start()) {
            id = node.fileSystem("data").orElseThrow().fs().fsId();
        }
        try (Node node = start()) {
            assertEquals(id, node.fileSystem("data").orElseThrow().fs().fsId());
        }
    }

    @Test
    void closeStopsEverythingAndReleasesTheLock() throws Exception {
        Node node = start();
        VirtualServer vs = node.virtualServers().get(0);
        node.close();
        node.awaitClosed();
        assertEquals(VirtualServerState.STOPPED, vs.state());
        DataDirectory.lock(tmp).close();
        node.close(); // idempotent
    }

    @Test
    void listensOnEveryConfiguredAddress() throws Exception {
        start().close();
        Path conf = tmp.resolve("haven.conf");
        Files.writeString(conf, Files.readString(conf).replace("listen = 127.0.0.1", "listen = 127.0.0.1, 127.0.0.2"));
        try (Node node = start()) {
            List<String> hosts = node.virtualServers().get(0).smbAddresses().stream()
                    .map(a -> a.getAddress().getHostAddress()).toList();
            assertEquals(List.of("127.0.0.1", "127.0.0.2"), hosts);
        }
    }

    @Test
    void aSecondNodeOnTheSameDataDirectoryStops() throws Exception {
        try (Node node = start()) {
            assertEquals(VirtualServerState.RUNNING, node.virtualServers().get(0).state());
            IOException e = assertThrows(DataDirectory.DataDirectoryLockedException.class, this::start);
            assertTrue(e.getMessage().contains("in use by another Haven node"), e.getMessage());
        }
    }

    @Test
    void anInvalidConfigurationStopsStartUpNamingFileAndLine() throws Exception {
        start().close();
        Path conf = tmp.resolve("haven.conf");
        Files.writeString(conf, Files.readString(conf) + "encrypt-data = required\n");
        int line = Files.readAllLines(conf).size();
        ConfigException e = assertThrows(ConfigException.class, this::start);
        assertEquals("haven.conf:" + line + ": unknown key 'encrypt-data' in [share data]", e.getMessage());
        DataDirectory.lock(tmp).close(); // a failed start releases the lock
    }

    @Test
    void aShareOnAMissingDirectoryStopsStartUp() throws Exception {
        start().close();
        Path conf = tmp.resolve("haven.conf");
        Files.writeString(conf, Files.readString(conf).replace("path = /", "path = /missing"));
        assertThrows(IOException.class, this::start);
        DataDirectory.lock(tmp).close();
    }

    @Test
    void aCaseHandlingThatContradictsTheFormatStopsStartUp() throws Exception {
        start().close();
        Path conf = tmp.resolve("haven.conf");
        Files.writeString(conf, Files.readString(conf).replace("case = insensitive", "case = sensitive"));
        IOException e = assertThrows(IOException.class, this::start);
        assertTrue(e.getMessage().contains("fixed at format"), e.getMessage());
    }

    @Test
    void anInterruptedFirstStartIsReportedNotGuessed() throws Exception {
        Files.createDirectories(tmp.resolve(EmbeddedDefault.VOLUME));
        IOException e = assertThrows(IOException.class, this::start);
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    }
}
