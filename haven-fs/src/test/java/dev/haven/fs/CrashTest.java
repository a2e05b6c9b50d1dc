package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.CrashOutcome;
import dev.haven.testkit.FaultInjectingBlockDevice;
import dev.haven.testkit.MemoryBlockDevice;
import dev.haven.testkit.PowerSupply;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Cuts the power at every write position of scripted scenarios. After each cut, for several crash
 * outcomes, the image must pass fsck, mount, show the state after some whole operation no earlier
 * than the last completed sync (nothing half-applied, nothing flushed lost), and accept changes.
 */
class CrashTest {
    private static final CreateAttributes A = CreateAttributes.DEFAULT;
    private static final MountOptions OPTS = new MountOptions(false,
            Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC), Duration.ofDays(1), 6);

    /** One scripted step; {@link #SYNC} marks a durability point. */
    private interface Step {
        void run(HavenFs fs) throws Exception;
    }

    private static final Step SYNC = HavenFs::sync;

    private static byte[] data(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static long id(HavenFs fs, String path) throws FsException {
        return fs.resolve(path).id();
    }

    @Test
    void createSurvivesEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createFile(HavenFs.ROOT, "a", A));
        s.add(fs -> fs.createDirectory(HavenFs.ROOT, "d", A));
        s.add(SYNC);
        s.add(fs -> fs.createFile(id(fs, "/d"), "b", A));
        s.add(fs -> fs.createSymlink(id(fs, "/d"), "l", "../a", A));
        s.add(SYNC);
        s.add(fs -> fs.createFile(HavenFs.ROOT, "c", A));
        check(s);
    }

    @Test
    void writeSurvivesEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createFile(HavenFs.ROOT, "f", A));
        s.add(fs -> fs.write(id(fs, "/f"), 0, ByteBuffer.wrap(data(70_000, 1))));
        s.add(SYNC);
        s.add(fs -> fs.write(id(fs, "/f"), 70_000, ByteBuffer.wrap(data(9_000, 2))));
        s.add(fs -> fs.write(id(fs, "/f"), 1_000_000, ByteBuffer.wrap(data(5, 3))));
        s.add(SYNC);
        s.add(fs -> fs.createFile(HavenFs.ROOT, "g", A));
        s.add(fs -> fs.write(id(fs, "/g"), 0, ByteBuffer.wrap(data(300_000, 4))));
        s.add(fs -> fs.setXattr(id(fs, "/g"), "user.a", data(66_000, 5)));
        s.add(SYNC);
        check(s);
    }

    @Test
    void renameSurvivesEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createDirectory(HavenFs.ROOT, "d1", A));
        s.add(fs -> fs.createDirectory(HavenFs.ROOT, "d2", A));
        s.add(fs -> fs.createFile(id(fs, "/d1"), "x", A));
        s.add(fs -> fs.write(id(fs, "/d1/x"), 0, ByteBuffer.wrap(data(10_000, 6))));
        s.add(fs -> fs.createFile(id(fs, "/d2"), "y", A));
        s.add(SYNC);
        s.add(fs -> fs.rename(id(fs, "/d1"), "x", id(fs, "/d2"), "y", true));
        s.add(fs -> fs.rename(HavenFs.ROOT, "d1", id(fs, "/d2"), "sub", false));
        s.add(SYNC);
        s.add(fs -> fs.rename(id(fs, "/d2"), "y", HavenFs.ROOT, "top", false));
        check(s);
    }

    @Test
    void unlinkAndTruncateSurviveEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createFile(HavenFs.ROOT, "f", A));
        s.add(fs -> fs.write(id(fs, "/f"), 0, ByteBuffer.wrap(data(50_000, 7))));
        s.add(fs -> fs.createFile(HavenFs.ROOT, "g", A));
        s.add(fs -> fs.write(id(fs, "/g"), 0, ByteBuffer.wrap(data(40_000, 8))));
        s.add(fs -> fs.link(id(fs, "/g"), HavenFs.ROOT, "g2"));
        s.add(SYNC);
        s.add(fs -> fs.truncate(id(fs, "/f"), 5_000));
        s.add(fs -> fs.unlink(HavenFs.ROOT, "g"));
        s.add(SYNC);
        s.add(fs -> fs.truncate(id(fs, "/f"), 20_000));
        s.add(fs -> fs.unlink(HavenFs.ROOT, "g2"));
        s.add(fs -> fs.write(id(fs, "/f"), 30_000, ByteBuffer.wrap(data(8_000, 9))));
        s.add(SYNC);
        check(s);
    }

    /**
     * Block-aligned punches: only extents and frees change, so every crash gives a committed
     * state. (The edge zeroing of an unaligned punch is an in-place overwrite, which after a crash
     * may be partly there, as any overwrite; this oracle cannot express that.)
     */
    @Test
    void punchHoleSurvivesEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createFile(HavenFs.ROOT, "f", A));
        s.add(fs -> fs.write(id(fs, "/f"), 0, ByteBuffer.wrap(data(90_000, 10))));
        s.add(SYNC);
        s.add(fs -> fs.punchHole(id(fs, "/f"), 8192, 16_384));
        s.add(fs -> fs.write(id(fs, "/f"), 100_000, ByteBuffer.wrap(data(5_000, 11))));
        s.add(SYNC);
        s.add(fs -> fs.punchHole(id(fs, "/f"), 7 * 4096, 10 * 4096));
        s.add(fs -> fs.createFile(HavenFs.ROOT, "g", A));
        s.add(fs -> fs.write(id(fs, "/g"), 0, ByteBuffer.wrap(data(20_000, 12))));
        s.add(SYNC);
        check(s);
    }

    @Test
    void attributesXattrsAndFreezeSurviveEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createFile(HavenFs.ROOT, "f", A));
        s.add(fs -> fs.setXattr(id(fs, "/f"), "security.sd", data(3_000, 12)));
        s.add(fs -> fs.setXattr(id(fs, "/f"), "user.b", data(10, 13)));
        s.add(fs -> {
            fs.freeze();
            fs.thaw();
        });
        s.add(fs -> fs.removeXattr(id(fs, "/f"), "security.sd"));
        s.add(fs -> fs.setAttributes(id(fs, "/f"), SetAttributes.NONE.withMode(0600).withDosAttributes(DosAttributes.HIDDEN)));
        s.add(SYNC);
        s.add(fs -> fs.setXattr(HavenFs.ROOT, "user.root", data(70_000, 14)));
        check(s);
    }

    @Test
    void smallSectorDeviceSurvivesEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createDirectory(HavenFs.ROOT, "d", A));
        s.add(fs -> fs.createFile(id(fs, "/d"), "f", A));
        s.add(fs -> fs.write(id(fs, "/d/f"), 0, ByteBuffer.wrap(data(20_000, 10))));
        s.add(SYNC);
        s.add(fs -> fs.write(id(fs, "/d/f"), 20_000, ByteBuffer.wrap(data(20_000, 11))));
        s.add(fs -> fs.unlink(id(fs, "/d"), "f"));
        s.add(fs -> fs.removeDirectory(HavenFs.ROOT, "d"));
        s.add(SYNC);
        s.add(fs -> fs.createFile(HavenFs.ROOT, "g", A));
        check(s, 512);
    }

    @Test
    void bigDirectoryGrowthSurvivesEveryCrash() throws Exception {
        List<Step> s = new ArrayList<>();
        s.add(fs -> fs.createDirectory(HavenFs.ROOT, "big", A));
        for (int i = 0; i < 300; i++) {
            String name = "entry-with-a-fairly-long-name-" + i;
            s.add(fs -> fs.createFile(id(fs, "/big"), name, A));
            if (i % 100 == 99) {
                s.add(SYNC);
            }
        }
        for (int i = 0; i < 300; i += 3) {
            String name = "entry-with-a-fairly-long-name-" + i;
            s.add(fs -> fs.unlink(id(fs, "/big"), name));
        }
        s.add(SYNC);
        check(s);
    }

    /** Runs {@code steps} once to learn the states and the operation count, then crashes at every position. */
    private static void check(List<Step> steps) throws Exception {
        check(steps, 4096);
    }

    private static void check(List<Step> steps, int deviceBlock) throws Exception {
        MemoryBlockDevice formatted = new MemoryBlockDevice("img", deviceBlock, 4096L * 4096 / deviceBlock);
        HavenFs.format(formatted, new FormatOptions(false, OPTS.clock())).close();
        List<String> states = new ArrayList<>();
        PowerSupply reference = new PowerSupply();
        try (HavenFs fs = HavenFs.mount(reference.newDevice(formatted.copy("ref")), OPTS)) {
            states.add(FsDigest.of(fs));
            for (Step st : steps) {
                st.run(fs);
                states.add(FsDigest.of(fs));
            }
        }
        long total = reference.operations();
        System.out.println("crash positions: " + (total + 1) + " for " + steps.size() + " steps");
        for (long cut = 0; cut <= total; cut++) {
            crashAt(steps, formatted, states, cut);
        }
    }

    private static void crashAt(List<Step> steps, MemoryBlockDevice formatted, List<String> states, long cut) throws Exception {
        PowerSupply power = new PowerSupply().cutAfter(cut);
        FaultInjectingBlockDevice dev = power.newDevice(formatted.copy("crash"));
        int durable = 0;
        try {
            HavenFs fs = HavenFs.mount(dev, OPTS);
            for (int i = 0; i < steps.size(); i++) {
                steps.get(i).run(fs);
                if (steps.get(i) == SYNC) {
                    durable = i + 1;
                }
            }
            fs.close();
            durable = steps.size();
        } catch (FsException e) {
            assertTrue(power.failed(), "only the power cut may fail the scenario: " + e);
        }
        Random random = new Random(cut);
        for (CrashOutcome outcome : List.of(CrashOutcome.LOSE_ALL, CrashOutcome.KEEP_ALL, CrashOutcome.RANDOM, CrashOutcome.RANDOM)) {
            MemoryBlockDevice image = dev.imageAfterCrash(outcome, random);
            String where = "cut after " + cut + " ops, " + outcome + ", durable through step " + durable;
            FsckReport report = FsCheck.check(image);
            assertTrue(report.isClean(), where + ": " + report);
            try (HavenFs fs = HavenFs.mount(image, OPTS)) {
                String now = FsDigest.of(fs);
                assertTrue(states.subList(durable, states.size()).contains(now), where + ": state after recovery is "
                        + "not one of the states from the last sync on:\n" + now);
                if (outcome == CrashOutcome.RANDOM) {
                    fs.createFile(HavenFs.ROOT, "after-crash", A);
                    fs.sync();
                }
            }
            FsckReport after = FsCheck.check(image);
            assertTrue(after.isClean(), where + ", after use: " + after);
        }
    }
}
