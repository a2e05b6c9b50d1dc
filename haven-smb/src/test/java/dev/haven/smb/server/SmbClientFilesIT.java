package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.haven.block.FileBlockDevice;
import dev.haven.files.service.Share;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.smb.auth.ServerIdentity;
import dev.haven.smb.auth.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.haven.testkit.Peers;

/**
 * The real smbclient (Debian's smbclient) doing file work on a Haven share: a HavenFS on a
 * sparse FileBlockDevice in a temp dir, served on an ephemeral port.
 */
class SmbClientFilesIT {
    private static final byte[] PASS_HASH = UserDirectory.hashPassword("pass");
    private static final long SEED = 20261122L;

    @TempDir
    static Path dir;
    private static FileBlockDevice device;
    private static HavenFs fs;
    private static SmbServer server;
    private static byte[] payload;

    @BeforeAll
    static void start() throws Exception {
        assumeSmbclient();
        device = FileBlockDevice.create(dir.resolve("volume.img"), 4096, 256 * 256);
        fs = HavenFs.format(device, new FormatOptions(true, Clock.systemUTC()));
        UserDirectory users = name -> name.equalsIgnoreCase("user") ? Optional.of(PASS_HASH.clone()) : Optional.empty();
        ServerIdentity identity = new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test");
        List<ShareConfig> shares = List.of(new ShareConfig(Share.of("data", fs, false), false),
                new ShareConfig(Share.of("ro", fs, true), false));
        server = SmbServer.start(new SmbServerConfig(users, identity, shares, Clock.systemUTC(), true, false,
                SmbServerConfig.DEFAULT_MAX_FRAME_SIZE), "127.0.0.1", 0);
        payload = new byte[8 * 1024 * 1024 + 12345];
        new Random(SEED).nextBytes(payload);
        Files.write(dir.resolve("payload.bin"), payload);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (fs != null) {
            fs.close();
        }
        if (device != null) {
            device.close();
        }
    }

    private static void assumeSmbclient() {
        Peers.require("smbclient", "smbclient");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run smbclient(String share, String script, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("smbclient", "//127.0.0.1/" + share, "-p",
                String.valueOf(server.port()), "-U", "user%pass", "-c", script));
        cmd.addAll(List.of(options));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("smbclient hung: " + cmd);
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"SMB2_02, sign", "SMB3, sign", "SMB3_11, sign", "SMB3, encrypt", "SMB3_11, encrypt"})
    void putGetListRenameAndDelete(String protocol, String protection) throws Exception {
        String d = "d_" + protocol + "_" + protection;
        String back = "back_" + d + ".bin";
        String script = "lcd " + dir + "; mkdir " + d + "; cd " + d + "; put payload.bin remote.bin; get remote.bin "
                + back + "; ls; allinfo remote.bin; rename remote.bin moved.bin; ls; rm moved.bin; cd ..; rmdir " + d
                + "; ls";
        Run run = smbclient("data", script, "-m", protocol, "--client-protection=" + protection);
        String out = run.output();
        assertEquals(0, run.exitCode(), out);
        // Haven has no 8.3 short names; smbclient's allinfo explicitly tolerates NOT_SUPPORTED for them.
        assertFalse(out.replace("NT_STATUS_NOT_SUPPORTED getting alt name", "").contains("NT_STATUS_"), out);
        assertArrayEquals(payload, Files.readAllBytes(dir.resolve(back)), "bytes differ after put/get");
        assertTrue(out.contains("remote.bin"), out);
        assertTrue(out.contains("moved.bin"), out);
        assertTrue(out.contains("create_time:"), out);
        assertFalse(out.substring(out.lastIndexOf("blocks of size")).contains(d), out);
    }

    /** 1 GiB put and get, reported in MB/s; run with -Dhaven.perf=true (not part of the normal run). */
    @Test
    void putsAndGetsOneGibibyte() throws Exception {
        assumeTrue(Boolean.getBoolean("haven.perf"), "set -Dhaven.perf=true to run");
        Path big = dir.resolve("big.bin");
        byte[] chunk = new byte[1 << 20];
        new Random(SEED).nextBytes(chunk);
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i < 1024; i++) {
                out.write(chunk);
            }
        }
        try (FileBlockDevice bigDevice = FileBlockDevice.create(dir.resolve("big.img"), 4096, 768 * 1024);
                HavenFs bigFs = HavenFs.format(bigDevice, new FormatOptions(true, Clock.systemUTC()))) {
            UserDirectory users = name -> Optional.of(PASS_HASH.clone());
            try (SmbServer perf = SmbServer.start(new SmbServerConfig(users,
                    new ServerIdentity("HAVEN", "WORKGROUP", "haven.test", "test"),
                    List.of(new ShareConfig(Share.of("big", bigFs, false), false)), Clock.systemUTC(), true, false,
                    SmbServerConfig.DEFAULT_MAX_FRAME_SIZE), "127.0.0.1", 0)) {
                for (String protection : System.getProperty("haven.perf.modes", "sign,encrypt").split(",")) {
                    List<String> cmd = List.of("smbclient", "//127.0.0.1/big", "-p", String.valueOf(perf.port()), "-U",
                            "user%pass", "-m", "SMB3_11", "--client-protection=" + protection, "-c",
                            "lcd " + dir + "; put big.bin big.bin; get big.bin big.back; rm big.bin");
                    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
                    assertTrue(p.waitFor(300, TimeUnit.SECONDS), "smbclient hung");
                    System.out.println(protection + ": " + new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
                    assertEquals(Files.mismatch(big, dir.resolve("big.back")), -1L);
                }
            }
        }
    }

    @Test
    void readOnlyShareRefusesPut() throws Exception {
        Run run = smbclient("ro", "lcd " + dir + "; put payload.bin nope.bin", "-m", "SMB3_11");
        assertTrue(run.output().contains("NT_STATUS_ACCESS_DENIED"), run.output());
    }

    @Test
    void listsWithWildcardsAndReportsMissingFiles() throws Exception {
        Run run = smbclient("data", "lcd " + dir + "; mkdir w; cd w; put payload.bin a.txt; put payload.bin b.dat; "
                + "ls *.txt; ls nothing*; rm a.txt; rm b.dat; cd ..; rmdir w", "-m", "SMB3_11");
        String out = run.output();
        assertTrue(out.contains("a.txt"), out);
        assertFalse(out.contains("b.dat   "), out);
        assertTrue(out.contains("NT_STATUS_NO_SUCH_FILE"), out);
    }
}
