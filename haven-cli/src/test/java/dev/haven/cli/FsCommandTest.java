package dev.haven.cli;

import static dev.haven.cli.CliRun.ok;
import static dev.haven.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code fs} commands, run in-process on a real volume with captured output. */
class FsCommandTest {
    @TempDir
    Path dir;

    @Test
    void formatPutGetListMoveRemoveCheckAndSnapshots() throws Exception {
        String vol = dir.resolve("vol").toString();
        ok("volume", "create", vol, "--size", "64M");
        assertTrue(ok("fs", "format", vol, "--case-insensitive").out().contains("case-insensitive"));
        byte[] data = new byte[3_000_000];
        new Random(1).nextBytes(data);
        Path local = dir.resolve("in.bin");
        Files.write(local, data);
        ok("fs", "mkdir", vol, "/docs");
        ok("fs", "put", vol, local.toString(), "/docs/Report.bin");
        assertTrue(ok("fs", "ls", vol, "/DOCS").out().contains("3000000 Report.bin"));
        ok("fs", "get", vol, "/docs/report.BIN", dir.resolve("out.bin").toString());
        assertArrayEquals(data, Files.readAllBytes(dir.resolve("out.bin")));
        ok("snapshot", "create", vol, "--name", "s1");
        ok("fs", "mv", vol, "/docs/Report.bin", "/old.bin");
        ok("fs", "rm", vol, "/docs");
        assertTrue(ok("fs", "check", vol).out().contains("clean"));
        assertTrue(ok("fs", "ls", vol + "@s1", "/docs").out().contains("Report.bin"));
        assertTrue(ok("fs", "check", vol + "@s1").out().contains("clean"));
        CliRun refused = run("fs", "mkdir", vol + "@s1", "/x");
        assertEquals(1, refused.code());
        assertTrue(refused.err().contains("read-only"), refused.err());
        ok("snapshot", "writable", vol, "s1", "--name", "w");
        ok("fs", "mkdir", vol + "@w", "/x");
        assertTrue(ok("fs", "ls", vol + "@w").out().contains("x"));
        assertTrue(!ok("fs", "ls", vol).out().contains(" x\n"));
        assertEquals(2, run("fs", "ls").code());
        assertEquals(1, run("fs", "get", vol, "/nope", dir.resolve("n").toString()).code());
    }
}
