package dev.haven.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One interactive smbclient connection kept open across several commands (read from stdin), so a
 * test can act on the node between two commands of the same client. Two quirks of smbclient
 * without a terminal shape it: its output is block-buffered (stdbuf makes it line-buffered), and
 * it runs one stdin line per wake-up, so lines that arrive together wait for more input; an
 * empty line is sent every 100 ms until the command's end marker ({@code ls mark-N}, which
 * answers NT_STATUS_NO_SUCH_FILE naming it) comes back.
 */
final class SmbClientSession implements AutoCloseable {
    private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final Process process;
    private final Writer in;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private int marks;

    SmbClientSession(int port, String share, String credentials) throws IOException {
        process = new ProcessBuilder("stdbuf", "-oL", "-eL", "smbclient", "//127.0.0.1/" + share, "-p",
                String.valueOf(port), "-U", credentials).redirectErrorStream(true).start();
        in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
        Thread.ofVirtual().start(() -> {
            try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process ended
            }
        });
    }

    /** Runs {@code command} and returns its output lines (blocking until smbclient answered). */
    List<String> run(String command) throws IOException, InterruptedException {
        String mark = "mark-" + (++marks);
        in.write(command + "\nls " + mark + "\n");
        in.flush();
        List<String> got = new ArrayList<>();
        long deadline = System.nanoTime() + DEADLINE_NANOS;
        while (System.nanoTime() < deadline) {
            String line = lines.poll(100, TimeUnit.MILLISECONDS);
            if (line == null) {
                if (!process.isAlive()) {
                    break;
                }
                in.write("\n");
                in.flush();
            } else if (line.contains("listing \\" + mark)) {
                return got;
            } else if (!line.contains("listing \\mark-")) {
                got.add(line);
            }
        }
        throw new IOException("smbclient did not finish '" + command + "': " + got);
    }

    @Override
    public void close() throws IOException {
        try {
            in.write("exit\n");
            in.close(); // the end of input wakes smbclient up to read the last line
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
