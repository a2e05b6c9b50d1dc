package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import dev.haven.fs.DirEntry;
import dev.haven.fs.FsCheck;
import dev.haven.fs.FsckReport;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import dev.haven.fs.MountOptions;
import dev.haven.testkit.Peers;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot-under-load test: smbclient writes files in a loop through share
 * {@code data} while live snapshots are taken. Every snapshot passes fsck and holds a state the
 * client had: files 1..k complete, file k+1 possibly a prefix of its content (it was being
 * written), nothing after it. No client request fails. Prints the pauses measured.
 */
class LiveSnapshotIT {
    private static final int FILES = 120;
    private static final int FILE_BYTES = 48 * 1024;
    private static final int MAX_SNAPSHOTS = 12;

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsSmbclient() {
        Peers.require("smbclient", "smbclient");
    }

    static byte[] content(int i) {
        byte[] b = new byte[FILE_BYTES];
        byte[] tag = String.format(Locale.ROOT, "file %05d;", i).getBytes(StandardCharsets.US_ASCII);
        for (int p = 0; p < b.length; p++) {
            b[p] = tag[p % tag.length];
        }
        return b;
    }

    static String name(int i) {
        return String.format(Locale.ROOT, "f%05d.bin", i);
    }

    @Test
    void snapshotsTakenWhileAClientWritesAreCleanAndConsistent() throws Exception {
        Path local = Files.createDirectories(tmp.resolve("local"));
        StringBuilder script = new StringBuilder();
        for (int i = 1; i <= FILES; i++) {
            Files.write(local.resolve(name(i)), content(i));
            script.append("put ").append(local.resolve(name(i))).append(' ').append(name(i)).append(';');
        }
        List<Duration> pauses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (Node node = Node.start(TestNodes.options(tmp.resolve("data"), new ByteArrayOutputStream()))) {
            int port = node.virtualServers().get(0).smbAddress().getPort();
            Process client = new ProcessBuilder("smbclient", "//127.0.0.1/data", "-p", String.valueOf(port), "-U",
                    "haven%" + TestNodes.PASSWORD, "-c", script.toString()).redirectErrorStream(true).start();
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            Thread drain = Thread.ofVirtual().start(() -> {
                try {
                    client.getInputStream().transferTo(output);
                } catch (java.io.IOException e) {
                    // the process ended
                }
            });
            while (client.isAlive() && names.size() < MAX_SNAPSHOTS) {
                LiveSnapshot s = node.createSnapshot("data", "load-" + names.size());
                pauses.add(s.pause());
                names.add(s.snapshot().name());
            }
            assertTrue(client.waitFor(120, TimeUnit.SECONDS), "smbclient hung");
            drain.join();
            String out = output.toString(StandardCharsets.UTF_8);
            assertEquals(0, client.exitValue(), out);
            assertFalse(out.contains("NT_STATUS"), "a client request failed:\n" + out);
            assertTrue(names.size() >= 3, "the client finished before 3 snapshots were taken: " + names.size());
            MountedFileSystem m = node.requireFileSystem("data");
            for (String snap : names) {
                checkSnapshot(m, snap);
            }
        }
        long[] ms = pauses.stream().mapToLong(d -> d.toNanos() / 1000).sorted().toArray();
        System.out.printf("live snapshot pauses with a client writing (%d snapshots): median %.1f ms, max %.1f ms%n",
                ms.length, ms[ms.length / 2] / 1000.0, ms[ms.length - 1] / 1000.0);
    }

    private static void checkSnapshot(MountedFileSystem m, String snap) throws Exception {
        try (BlockDevice view = m.volume().view(snap)) {
            FsckReport report = FsCheck.check(view);
            assertTrue(report.isClean(), snap + ": " + report.problems());
            try (HavenFs fs = HavenFs.mount(view, MountOptions.DEFAULT.asReadOnly())) {
                List<String> present = fs.listAll(HavenFs.ROOT).stream().map(DirEntry::name)
                        .filter(n -> !n.equals(".") && !n.equals("..")).sorted().toList();
                for (int i = 1; i <= present.size(); i++) {
                    assertEquals(name(i), present.get(i - 1), snap + ": files are not a prefix of the writes: "
                            + present);
                    byte[] got = read(fs, fs.resolve("/" + name(i)));
                    byte[] want = content(i);
                    if (i < present.size()) {
                        assertArrayEquals(want, got, snap + ": " + name(i) + " is incomplete but a later file exists");
                    } else {
                        assertTrue(got.length <= want.length && Arrays.equals(want, 0, got.length, got, 0, got.length),
                                snap + ": " + name(i) + " holds data the client never wrote");
                    }
                }
            }
        }
    }

    private static byte[] read(HavenFs fs, Inode file) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate((int) file.size());
        while (buf.hasRemaining()) {
            int n = fs.read(file.id(), buf.position(), buf);
            if (n <= 0) {
                break;
            }
        }
        return Arrays.copyOf(buf.array(), buf.position());
    }
}
