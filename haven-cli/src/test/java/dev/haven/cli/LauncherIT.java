package dev.haven.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.haven.testkit.Peers;

/**
 * The packaged {@code haven.jar} in its own JVM: {@code serve} on an ephemeral port, a logon by
 * the real smbclient, then SIGTERM, which must run the ordered shutdown and log it.
 */
class LauncherIT {
    private static final Pattern CONNECT = Pattern.compile("smbclient //127\\.0\\.0\\.1/data -p (\\d+) -U haven");

    @TempDir
    Path tmp;

    @Test
    void servesAndShutsDownCleanlyOnSigterm() throws Exception {
        Path jar = Path.of("target", "haven.jar");
        assertTrue(Files.isRegularFile(jar), "package the jar first (mvn verify does)");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path errLog = tmp.resolve("stderr.log");
        ProcessBuilder pb = new ProcessBuilder(java, "-jar", jar.toString(), "serve", "--data",
                tmp.resolve("data").toString(), "--smb-port", "0", "--admin-port", "0").redirectError(errLog.toFile());
        pb.environment().put("HAVEN_PASSWORD", "launcher-pw");
        Process node = pb.start();
        try {
            int port = awaitPort(node);
            if (smbclientInstalled()) {
                Process c = new ProcessBuilder("smbclient", "//127.0.0.1/data", "-p", String.valueOf(port), "-U",
                        "haven%launcher-pw", "-c", "exit").redirectErrorStream(true).start();
                assertTrue(c.waitFor(30, TimeUnit.SECONDS), "smbclient hung");
                assertEquals(0, c.exitValue(), new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            node.destroy(); // SIGTERM
            assertTrue(node.waitFor(60, TimeUnit.SECONDS), "node did not stop on SIGTERM");
            assertEquals(143, node.exitValue()); // 128 + SIGTERM, after the shutdown hooks ran
            String log = Files.readString(errLog);
            assertTrue(log.contains(" INFO dev.haven.node.Node node stopping"), log);
            assertTrue(log.contains(" INFO dev.haven.node.VirtualServer virtual server default: stopped"), log);
            assertTrue(log.contains(" INFO dev.haven.node.Node node stopped"), log);
        } finally {
            node.destroyForcibly();
        }
    }

    private static int awaitPort(Process node) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            Matcher m = CONNECT.matcher(line);
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
        }
        return fail("haven serve ended before saying how to connect");
    }

    private static boolean smbclientInstalled() {
        return Peers.available("smbclient", "smbclient"); // without it the launcher part still runs
    }
}
