package dev.haven.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FaultInjectingBlockDeviceTest extends BlockDeviceContract {
    @Override
    protected BlockDevice newDevice() {
        return new PowerSupply().newDevice("fault", 4096, 128);
    }

    private static ByteBuffer filled(int value) {
        byte[] b = new byte[4096];
        Arrays.fill(b, (byte) value);
        return ByteBuffer.wrap(b);
    }

    private static byte[] readBlock(BlockDevice d, long block) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(d.blockSize());
        d.read(block, buf);
        return buf.array();
    }

    @Test
    void powerCutFailsEveryLaterCallOnEveryDevice() throws Exception {
        PowerSupply power = new PowerSupply().cutAfter(2);
        FaultInjectingBlockDevice a = power.newDevice("a", 4096, 8);
        FaultInjectingBlockDevice b = power.newDevice("b", 4096, 8);
        a.write(0, filled(1));
        b.write(0, filled(2));
        assertThrows(PowerFailureException.class, () -> a.flush());
        assertThrows(PowerFailureException.class, () -> b.read(0, ByteBuffer.allocate(4096)));
        assertTrue(power.failed());
    }

    @Test
    void flushedWritesSurviveAndUnflushedFollowTheOutcome() throws Exception {
        PowerSupply power = new PowerSupply();
        FaultInjectingBlockDevice d = power.newDevice("d", 4096, 8);
        d.write(0, filled(1));
        d.flush();
        d.write(1, filled(2));
        assertEquals(1, d.unflushedWrites());
        MemoryBlockDevice lost = d.imageAfterCrash(CrashOutcome.LOSE_ALL, new Random(1));
        MemoryBlockDevice kept = d.imageAfterCrash(CrashOutcome.KEEP_ALL, new Random(1));
        assertArrayEquals(filled(1).array(), readBlock(lost, 0));
        assertArrayEquals(new byte[4096], readBlock(lost, 1));
        assertArrayEquals(filled(2).array(), readBlock(kept, 1));
    }

    @Test
    void randomOutcomeCanTearABlockAtSectorBoundaries() throws Exception {
        boolean sawTorn = false;
        for (int seed = 0; seed < 200 && !sawTorn; seed++) {
            FaultInjectingBlockDevice d = new PowerSupply().newDevice("d", 4096, 8);
            d.write(0, filled(7));
            byte[] block = readBlock(d.imageAfterCrash(CrashOutcome.RANDOM, new Random(seed * 0x9E3779B97F4A7C15L)), 0);
            int sevens = 0;
            for (byte x : block) {
                sevens += x == 7 ? 1 : 0;
            }
            assertEquals(0, sevens % 512, "tears fall on sector boundaries");
            sawTorn = sevens > 0 && sevens < 4096;
        }
        assertTrue(sawTorn, "some seed tears the write");
    }
}
