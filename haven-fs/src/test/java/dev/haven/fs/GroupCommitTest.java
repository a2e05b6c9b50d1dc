package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.CrashOutcome;
import dev.haven.testkit.FaultInjectingBlockDevice;
import dev.haven.testkit.MemoryBlockDevice;
import dev.haven.testkit.PowerSupply;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import dev.haven.testkit.ManualClock;

/** Changes are committed in groups: not per operation, but by age, by amount, and on request. */
class GroupCommitTest {
    @Test
    void createsAreNotCommittedOneByOneButAnAgedChangeIsCommittedOnTheTick() throws Exception {
        ManualClock clock = new ManualClock();
        MemoryBlockDevice image = new MemoryBlockDevice("img", 4096, 4096);
        HavenFs.format(image, new FormatOptions(false, clock)).close();
        PowerSupply power = new PowerSupply();
        FaultInjectingBlockDevice dev = power.newDevice(image);
        MountOptions opts = new MountOptions(false, clock, Duration.ofSeconds(5), 100_000);
        HavenFs fs = HavenFs.mount(dev, opts);
        long before = power.operations();
        for (int i = 0; i < 1000; i++) {
            long f = fs.createFile(HavenFs.ROOT, "f" + i, CreateAttributes.DEFAULT).id();
            fs.write(f, 0, ByteBuffer.wrap(new byte[4096]));
        }
        long ops = power.operations() - before;
        assertTrue(ops <= 1000 + 10, "1000 files took " + ops + " device operations: no commit per create");
        assertEquals(0, countAfterCrash(dev));
        fs.commitIfDue();
        assertEquals(0, countAfterCrash(dev), "not due yet");
        clock.advance(Duration.ofSeconds(6));
        fs.commitIfDue();
        assertEquals(1000, countAfterCrash(dev));
    }

    private static int countAfterCrash(FaultInjectingBlockDevice dev) throws Exception {
        MemoryBlockDevice after = dev.imageAfterCrash(CrashOutcome.LOSE_ALL, new Random(1));
        FsckReport r = FsCheck.check(after);
        assertTrue(r.isClean(), r.toString());
        try (HavenFs fs = HavenFs.mount(after.setReadOnly(true))) {
            return fs.listAll(HavenFs.ROOT).size();
        }
    }
}
