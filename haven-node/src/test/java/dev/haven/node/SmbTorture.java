package dev.haven.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs Samba's smbtorture (Debian's samba-testsuite) one test per process against a server and
 * reads its subunit output. A group name (smb2.lock) expands to its tests through
 * {@code smbtorture --list}.
 */
final class SmbTorture {

    /** The outcome of one smbtorture test. */
    enum Status {
        PASS, SKIP, FAIL;

        /** Several results for one name: the worst wins (FAIL over SKIP over PASS). */
        Status worst(Status other) {
            return compareTo(other) >= 0 ? this : other;
        }
    }

    /** One test's result; reason is empty for PASS. */
    record Result(String name, Status status, String reason, Duration took) {}

    private final int port;
    private final Path authFile;
    private final Path logDir;
    private final List<String> options;

    SmbTorture(int port, Path authFile, Path logDir) {
        this(port, authFile, logDir, List.of());
    }

    /** A runner that passes {@code options} (such as {@code --option=torture:twrp_file=NAME}) to every test. */
    SmbTorture(int port, Path authFile, Path logDir, List<String> options) {
        this.port = port;
        this.authFile = authFile;
        this.logDir = logDir;
        this.options = List.copyOf(options);
    }

    /** An authentication file for {@code -A}, so the password never shows in the process list. */
    static Path writeAuthFile(Path dir, String user, String password) throws IOException {
        Path file = dir.resolve("smbtorture.auth");
        Files.writeString(file, "username = " + user + "\npassword = " + password + "\ndomain = WORKGROUP\n");
        return file;
    }

    /** Runnable test names: smbtorture lists single-test cases as suite.case.case; the last part is dropped. */
    static List<String> knownTests() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("smbtorture", "--list").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<String> names = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isBlank() || line.startsWith("smbtorture ")) {
                continue;
            }
            String[] parts = line.strip().split("\\.");
            int n = parts.length;
            names.add(n >= 2 && parts[n - 1].equals(parts[n - 2])
                    ? line.strip().substring(0, line.strip().lastIndexOf('.')) : line.strip());
        }
        return names;
    }

    /** Expands group names to their tests, keeping the list order; unknown names stay (and will fail). */
    static List<String> expand(List<String> requested, List<String> known) {
        List<String> tests = new ArrayList<>();
        for (String name : requested) {
            if (known.contains(name)) {
                tests.add(name);
                continue;
            }
            List<String> members = known.stream().filter(k -> k.startsWith(name + ".")).toList();
            tests.addAll(members.isEmpty() ? List.of(name) : members);
        }
        return tests;
    }

    /** Runs one test on share {@code data}. */
    List<Result> run(String test, Duration timeout) throws IOException, InterruptedException {
        return run("data", test, timeout);
    }

    /** Runs one test on {@code share} in its own smbtorture process; a test still running at the timeout is killed and fails. */
    List<Result> run(String share, String test, Duration timeout) throws IOException, InterruptedException {
        Path log = logDir.resolve(share + "-" + test.replaceAll("[^A-Za-z0-9._-]", "_") + ".log");
        long start = System.nanoTime();
        List<String> command = new ArrayList<>(List.of("smbtorture", "//127.0.0.1/" + share, "-p", String.valueOf(port),
                "-A", authFile.toString(), "--fullname", "--format=subunit"));
        command.addAll(options);
        command.add(test);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!finished) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        String why = finished ? "no result (exit " + p.exitValue() + ")" : "timeout after " + timeout.toSeconds() + "s";
        return parse(test, Files.readAllLines(log, StandardCharsets.UTF_8), why, took);
    }

    /**
     * Reads subunit v1 lines: {@code test: NAME}, then {@code success|failure|error|skip|xfail: NAME}
     * with an optional reason in {@code [ ... ]}. A started test without a result fails with
     * {@code noResult}.
     */
    static List<Result> parse(String requested, List<String> lines, String noResult, Duration took) {
        Map<String, Status> status = new LinkedHashMap<>();
        Map<String, String> reasons = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("test: ")) {
                status.putIfAbsent(line.substring(6).strip(), null);
                continue;
            }
            int colon = line.indexOf(": ");
            Status st = colon < 0 ? null : keyword(line.substring(0, colon));
            if (st == null) {
                continue;
            }
            String rest = line.substring(colon + 2);
            int bracket = rest.indexOf(" [");
            String name = (bracket < 0 ? rest : rest.substring(0, bracket)).strip();
            String reason = "";
            if (bracket >= 0 && rest.strip().endsWith("[")) {
                if (i + 1 < lines.size() && !lines.get(i + 1).startsWith("]")) {
                    reason = lines.get(i + 1).strip();
                }
                while (i + 1 < lines.size() && !lines.get(i + 1).startsWith("]")) {
                    i++;
                }
            } else if (bracket >= 0) {
                reason = rest.substring(bracket + 2).replaceAll("][ \\t]*$", "").strip();
            }
            Status before = status.get(name);
            if (before == null || st.worst(before) != before) {
                status.put(name, st);
                reasons.put(name, st == Status.PASS ? "" : reason);
            }
        }
        if (status.isEmpty()) {
            return List.of(new Result(requested, Status.FAIL, noResult, took));
        }
        List<Result> results = new ArrayList<>();
        status.forEach((name, st) -> results.add(st == null
                ? new Result(name, Status.FAIL, "started, " + noResult, took)
                : new Result(name, st, reasons.getOrDefault(name, ""), took)));
        return results;
    }

    private static Status keyword(String word) {
        return switch (word) {
            case "success", "successful", "uxsuccess" -> Status.PASS;
            case "failure", "fail", "error", "xfail" -> Status.FAIL;
            case "skip" -> Status.SKIP;
            default -> null;
        };
    }
}
