package dev.haven.cli;

import static dev.haven.cli.CliRun.ok;
import static dev.haven.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code volume} and {@code snapshot} commands, run in-process with captured output. */
class VolumeCommandTest {
    @TempDir
    Path dir;

    private String vol() {
        return dir.resolve("vol").toString();
    }

    @Test
    void createInfoSnapshotListWritableRefreshRestoreDelete() {
        ok("volume", "create", vol(), "--size", "64M", "--block-size", "8K");
        CliRun info = ok("volume", "info", vol());
        assertTrue(info.out().contains("size:         67108864 bytes"), info.out());
        assertTrue(info.out().contains("block size:   8192"), info.out());
        assertEquals("s1", ok("snapshot", "create", vol(), "--name", "s1").out().trim());
        assertTrue(ok("snapshot", "create", vol()).out().trim().startsWith("snap-"));
        assertEquals("w", ok("snapshot", "writable", vol(), "s1", "--name", "w").out().trim());
        CliRun list = ok("snapshot", "list", vol());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("w ") && l.contains(" rw ") && l.contains(" s1 ")),
                list.out());
        assertTrue(ok("snapshot", "refresh", vol(), "w", "--from", "s1").out().contains("refreshed w (base s1)"));
        CliRun restore = ok("snapshot", "restore", vol(), "--from", "s1");
        assertTrue(restore.out().contains("restored " + vol() + " from s1"), restore.out());
        CliRun snapInfo = ok("volume", "info", vol() + "@w");
        assertTrue(snapInfo.out().contains("rw"), snapInfo.out());
        ok("snapshot", "delete", vol(), "w");
        ok("snapshot", "delete", vol(), "s1");
        assertTrue(ok("volume", "info", vol()).out().contains("snapshots:    2"));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, run("volume").code());
        assertEquals(2, run("volume", "create", vol()).code(), "--size missing");
        assertEquals(2, run("volume", "create", vol(), "--size", "lots").code());
        assertEquals(2, run("volume", "create", vol(), "--size", "1M", "--block-size", "1K").code());
        assertEquals(2, run("snapshot", "writable", vol(), "base").code(), "--name missing");
        ok("volume", "create", vol(), "--size", "1M");
        CliRun r = run("snapshot", "create", vol() + "@x");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("haven: expected a volume PATH"), r.err());
    }

    @Test
    void failuresExitWithOneAndOneLineNamingTheFile() throws Exception {
        Path missing = dir.resolve("missing");
        CliRun r = run("volume", "info", missing.toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(missing.toString()), r.err());

        ok("volume", "create", vol(), "--size", "1M");
        ok("snapshot", "create", vol(), "--name", "base");
        ok("snapshot", "writable", vol(), "base", "--name", "w1");
        r = run("snapshot", "delete", vol(), "base");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("w1"), r.err());
        r = run("snapshot", "delete", vol(), "nope");
        assertEquals(1, r.code());
        assertTrue(r.err().contains("no snapshot named nope"), r.err());

        Path meta = dir.resolve("vol").resolve("meta.blocks");
        try (FileChannel ch = FileChannel.open(meta, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap("GARBAGE!".getBytes()), 0);
            ch.write(ByteBuffer.wrap("GARBAGE!".getBytes()), 4096);
        }
        r = run("snapshot", "list", vol());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().contains(meta.toString()) && r.err().contains("bad magic"), r.err());
    }
}
