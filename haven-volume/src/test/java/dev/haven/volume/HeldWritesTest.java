package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Held data: a drain writes what it took and keeps newer data held; pooled arrays come back only after the next flush. */
class HeldWritesTest {
    private static final int BS = 4096;

    private static byte[] filled(int v) {
        byte[] a = new byte[BS];
        Arrays.fill(a, (byte) v);
        return a;
    }

    @Test
    void drainWritesTheTakenDataAndKeepsDataHeldAfterTheTake() throws IOException {
        HeldWrites h = new HeldWrites(BS, 64L * BS);
        MemoryBlockDevice data = new MemoryBlockDevice("data", BS, 8);
        h.hold(HeldWrites.Stage.AFTER_META, 1, filled(1));
        h.hold(HeldWrites.Stage.AFTER_META, 2, filled(2));
        Map<Long, byte[]> taken = h.capture(HeldWrites.Stage.AFTER_META);
        h.hold(HeldWrites.Stage.AFTER_META, 2, filled(3)); // a writer after the take
        h.drain(HeldWrites.Stage.AFTER_META, taken, data);

        ByteBuffer b = ByteBuffer.allocate(2 * BS);
        data.read(1, b);
        assertArrayEquals(filled(1), Arrays.copyOfRange(b.array(), 0, BS));
        assertArrayEquals(filled(2), Arrays.copyOfRange(b.array(), BS, 2 * BS), "the taken data goes to disk");
        assertFalse(h.holds(HeldWrites.Stage.AFTER_META, 1));
        assertTrue(h.holds(HeldWrites.Stage.AFTER_META, 2), "newer data waits for its own flush");
        byte[] got = new byte[BS];
        assertTrue(h.copyTo(2, got, 0));
        assertArrayEquals(filled(3), got);
        assertEquals(BS, h.bytes());
    }

    @Test
    void retiredArraysAreReusedOnlyWhenTheFlushAfterTheirRetirementEnds() throws IOException {
        HeldWrites h = new HeldWrites(BS, 64L * BS);
        MemoryBlockDevice data = new MemoryBlockDevice("data", BS, 8);
        byte[][] first = new byte[1][];
        h.arrays(first);
        h.hold(HeldWrites.Stage.AFTER_META, 4, first[0]);

        // Flush 1: takes the retired list (empty), then drains block 4 (retiring its array).
        List<byte[]> recyclable = h.retiredSoFar();
        h.drain(HeldWrites.Stage.AFTER_META, h.capture(HeldWrites.Stage.AFTER_META), data);
        h.reuse(recyclable);
        byte[][] next = new byte[1][];
        h.arrays(next);
        assertNotSame(first[0], next[0], "retired during flush 1: not reusable at its end");

        // Flush 2 ends: now it is.
        h.reuse(h.retiredSoFar());
        byte[][] later = new byte[1][];
        h.arrays(later);
        assertSame(first[0], later[0]);
    }
}
