package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.node.SmbTorture.Result;
import dev.haven.node.SmbTorture.Status;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.haven.testkit.Peers;

/**
 * Samba's smbtorture against a whole node: runs the tests of {@code smbtorture/tests.txt} (the
 * lines marked {@code slow} only with {@code -Dhaven.torture.all=true}), each in its own process,
 * and compares with {@code smbtorture/expected.tsv}. Fails when an expected PASS does not pass or
 * an expected FAIL passes, so the expectations stay honest. Results go to
 * {@code target/smbtorture/results.tsv} in the expected.tsv format, logs next to it.
 */
class SmbTortureIT {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final Duration SLOW_TIMEOUT = Duration.ofSeconds(180);
    private static final String TWRP_FILE = "twrp-file.txt";
    private static final String TWRP_STREAM = "twrp-stream";
    /** The continuously available share that "ca NAME" lines of tests.txt run on; their results are named "ca NAME". */
    private static final String CA_SHARE = "ca";
    private static final String CA_PREFIX = "ca ";

    @TempDir
    Path tmp;

    @BeforeAll
    static void assumeSmbtorture() {
        Peers.require("smbtorture", "samba-testsuite");
    }

    /**
     * One line of expected.tsv: what it says of a test: its status, or FLAKY (either outcome is accepted) for a
     * test whose own steps race against each other, with the reason.
     */
    private record Expectation(Status status, String reason, boolean flaky) {}

    @Test
    void smbtortureResultsMatchExpectedTsv() throws Exception {
        boolean all = Boolean.getBoolean("haven.torture.all");
        List<String> requested = requestedTests(resource("tests.txt"), all);
        Map<String, Expectation> expected = expectations(resource("expected.tsv"));
        Path out = Files.createDirectories(Path.of("target", "smbtorture"));
        List<String> known = SmbTorture.knownTests();
        List<String> onData = SmbTorture.expand(requested.stream().filter(t -> !t.startsWith(CA_PREFIX)).toList(), known);
        List<String> onCa = SmbTorture.expand(requested.stream().filter(t -> t.startsWith(CA_PREFIX))
                .map(t -> t.substring(CA_PREFIX.length())).toList(), known);
        List<Result> results = new ArrayList<>();
        // The node's first start writes its configuration; null sessions are allowed (smb2.session.reauth2
        // and reauth3 re-authenticate as anonymous) and a continuously available share is added.
        try (Node first = Node.start(TestNodes.options(tmp, new ByteArrayOutputStream()))) {
            assertTrue(first.virtualServers().get(0).state() == VirtualServerState.RUNNING);
        }
        Path config = tmp.resolve(DataDirectory.CONFIG);
        String text = Files.readString(config);
        assertTrue(text.contains("\nsigning = required\n"), "the embedded default sets signing");
        Files.writeString(config, text.replace("\nsigning = required\n", "\nsigning = required\nanonymous = on\n")
                + "\n[share " + CA_SHARE + "]\nfilesystem = data\npath = /\ncontinuously-available = yes\n");
        try (Node node = Node.start(TestNodes.options(tmp, new ByteArrayOutputStream()))) {
            int port = node.virtualServers().get(0).smbAddress().getPort();
            SmbTorture torture = new SmbTorture(port, SmbTorture.writeAuthFile(tmp, "haven", TestNodes.PASSWORD), out,
                    twrpOptions(node));
            for (String test : onData) {
                record(results, torture.run(test, all ? SLOW_TIMEOUT : TIMEOUT), "");
            }
            for (String test : onCa) {
                record(results, torture.run(CA_SHARE, test, all ? SLOW_TIMEOUT : TIMEOUT), CA_PREFIX);
            }
        }
        writeResults(out.resolve("results.tsv"), results);
        List<String> surprises = surprises(results, expected);
        long passed = results.stream().filter(r -> r.status() == Status.PASS).count();
        long failed = results.stream().filter(r -> r.status() == Status.FAIL).count();
        System.out.printf("smbtorture: %d passed, %d failed, %d skipped%n", passed, failed,
                results.size() - passed - failed);
        assertTrue(surprises.isEmpty(), "smbtorture differs from expected.tsv (results in "
                + out.resolve("results.tsv") + "):\n" + String.join("\n", surprises));
    }

    /** Prints and keeps {@code run}'s results, their names prefixed with {@code prefix}. */
    private static void record(List<Result> results, List<Result> run, String prefix) {
        for (Result r : run) {
            Result named = new Result(prefix + r.name(), r.status(), r.reason(), r.took());
            System.out.println(named.status() + " " + named.name() + (r.reason().isEmpty() ? "" : "  (" + r.reason() + ")"));
            results.add(named);
        }
    }

    /**
     * What smb2.twrp needs: a file and a read-only snapshot that exist ({@code twrp_file},
     * {@code twrp_snapshot}), {@code subdir/hardlink} in that snapshot (smb2.twrp.listdir) and a
     * named stream of the file with its size (smb2.twrp.stream).
     */
    private static List<String> twrpOptions(Node node) throws IOException {
        PreviousVersionsFixture.write(node, TWRP_FILE, "before the snapshot");
        PreviousVersionsFixture.hardlinkInSubdir(node, TWRP_FILE);
        int streamSize = PreviousVersionsFixture.writeStream(node, TWRP_FILE, TWRP_STREAM, "a stream in the snapshot");
        String snapshot = PreviousVersionsFixture.snapshot(node);
        PreviousVersionsFixture.write(node, TWRP_FILE, "after the snapshot");
        return List.of("--option=torture:twrp_file=" + TWRP_FILE, "--option=torture:twrp_snapshot=" + snapshot,
                "--option=torture:twrp_stream=" + TWRP_STREAM, "--option=torture:twrp_stream_size=" + streamSize);
    }

    /** A test missing from expected.tsv is expected to PASS. */
    private static List<String> surprises(List<Result> results, Map<String, Expectation> expected) {
        List<String> surprises = new ArrayList<>();
        for (Result r : results) {
            Expectation e = expected.getOrDefault(r.name(), new Expectation(Status.PASS, "", false));
            if (e.flaky()) {
                continue;
            }
            Status want = e.status();
            if (want == Status.PASS && r.status() != Status.PASS) {
                surprises.add("expected PASS, got " + r.status() + ": " + r.name() + "  " + r.reason());
            } else if (want == Status.FAIL && r.status() == Status.PASS) {
                surprises.add("expected FAIL, now passes (update expected.tsv): " + r.name());
            }
        }
        return surprises;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SmbTortureIT.class.getResourceAsStream("/smbtorture/" + name)) {
            if (in == null) {
                throw new IOException("missing test resource smbtorture/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * tests.txt: one name per line, '#' starts a comment; "slow NAME" runs only with
     * haven.torture.all; "ca NAME" runs on the continuously available share.
     */
    static List<String> requestedTests(String text, boolean all) {
        List<String> names = new ArrayList<>();
        for (String line : text.split("\n")) {
            String entry = line.replaceAll("#.*", "").strip();
            if (entry.startsWith("slow ")) {
                if (!all) {
                    continue;
                }
                entry = entry.substring(5).strip();
            }
            if (!entry.isEmpty()) {
                names.add(entry);
            }
        }
        return names;
    }

    /** expected.tsv: STATUS, TAB, name, TAB, reason; '#' lines are comments. */
    private static Map<String, Expectation> expectations(String text) {
        Map<String, Expectation> map = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", 3);
            boolean flaky = f[0].strip().equals("FLAKY");
            map.put(f[1].strip(), new Expectation(flaky ? Status.PASS : Status.valueOf(f[0].strip()),
                    f.length > 2 ? f[2].strip() : "", flaky));
        }
        return map;
    }

    private static void writeResults(Path file, List<Result> results) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Result r : results) {
            sb.append(r.status()).append('\t').append(r.name()).append('\t')
                    .append(r.reason().replace('\t', ' ')).append('\n');
        }
        Files.writeString(file, sb.toString());
    }
}
