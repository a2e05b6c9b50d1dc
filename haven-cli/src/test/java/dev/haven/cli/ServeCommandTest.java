package dev.haven.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.node.Node;
import dev.haven.node.VirtualServerState;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code haven serve} in-process; the test stops the node as SIGTERM's shutdown hook would. */
class ServeCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine serve(CompletableFuture<Node> started) {
        CommandLine cl = HavenCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        ServeCommand serve = cl.getSubcommands().get("serve").getCommand();
        serve.env = name -> name.equals("HAVEN_PASSWORD") ? "pw" : null;
        serve.started = started::complete;
        return cl;
    }

    @Test
    void servesUntilStoppedAndSaysHowToConnect() throws Exception {
        CompletableFuture<Node> started = new CompletableFuture<>();
        CommandLine cl = serve(started);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> cl.execute("serve", "--data", dir.toString(), "--smb-port", "0", "--listen", "127.0.0.1", "--admin-port", "0"));
        Node node = started.get(60, TimeUnit.SECONDS);
        int port = node.virtualServers().get(0).smbAddress().getPort();
        assertTrue(out.toString().contains("Connect with: smbclient //127.0.0.1/data -p " + port + " -U haven"),
                out.toString());
        assertTrue(Files.exists(dir.resolve("haven.conf")));
        node.close();
        assertEquals(0, exit.get(60, TimeUnit.SECONDS), err.toString());
        assertEquals(VirtualServerState.STOPPED, node.virtualServers().get(0).state());
    }

    @Test
    void aSecondServeOnTheSameDataDirectoryFailsClearly() throws Exception {
        CompletableFuture<Node> started = new CompletableFuture<>();
        CommandLine first = serve(started);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> first.execute("serve", "--data", dir.toString(), "--smb-port", "0", "--admin-port", "0"));
        Node node = started.get(60, TimeUnit.SECONDS);
        try {
            StringWriter err2 = new StringWriter();
            CommandLine second = HavenCommand.commandLine();
            second.setErr(new PrintWriter(err2, true));
            assertEquals(1, second.execute("serve", "--data", dir.toString(), "--smb-port", "0", "--admin-port", "0"));
            assertTrue(err2.toString().contains("is in use by another Haven node"), err2.toString());
        } finally {
            node.close();
        }
        assertEquals(0, exit.get(60, TimeUnit.SECONDS));
    }

    @Test
    void anInvalidConfigurationStopsWithFileAndLine() throws Exception {
        Files.writeString(dir.resolve("haven.conf"), "[virtual-server default]\nport = 0\n[share data]\nencrypt-data = x\n");
        CommandLine cl = serve(new CompletableFuture<>());
        assertEquals(1, cl.execute("serve", "--data", dir.toString()));
        assertTrue(err.toString().contains("haven: haven.conf:4: unknown key 'encrypt-data' in [share data]"),
                err.toString());
    }
}
