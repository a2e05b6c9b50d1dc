package dev.haven.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One interactive smbclient connection kept open across several commands (it reads them from
 * stdin), so a test can act on the node between two commands of the same client. Each command is
 * followed by {@code pwd}, whose answer marks the end of the command's output.
 */
final class SmbClientSession implements AutoCloseable {
    private static final String MARK = "Current directory is";

    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    SmbClientSession(int port, String share, String credentials) throws IOException {
        process = new ProcessBuilder("smbclient", "//127.0.0.1/" + share, "-p", String.valueOf(port), "-U",
                credentials).redirectErrorStream(true).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Runs {@code command} and returns its output lines (blocking until smbclient answered). */
    List<String> run(String command) throws IOException {
        in.write(command + "\npwd\n");
        in.flush();
        List<String> lines = new ArrayList<>();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains(MARK)) {
                return lines;
            }
            lines.add(line);
        }
        throw new IOException("smbclient ended: " + lines);
    }

    @Override
    public void close() throws IOException {
        try {
            in.write("exit\n");
            in.flush();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (IOException e) {
            process.destroyForcibly();
        }
    }
}
