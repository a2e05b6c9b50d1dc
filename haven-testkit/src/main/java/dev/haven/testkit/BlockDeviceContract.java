package dev.haven.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.block.BlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every writable {@link BlockDevice} must show. A test class extends this and says
 * how to make a fresh, empty device of at least 64 blocks; the suite closes it after each test.
 */
public abstract class BlockDeviceContract {

    /** A new, empty, writable device with at least 64 blocks. */
    protected abstract BlockDevice newDevice() throws Exception;

    private static byte[] pattern(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void unwrittenBlocksReadAsZeros() throws Exception {
        try (BlockDevice d = newDevice()) {
            ByteBuffer buf = ByteBuffer.allocate(d.blockSize() * 2);
            d.read(d.blockCount() - 2, buf);
            assertArrayEquals(new byte[d.blockSize() * 2], buf.array());
        }
    }

    @Test
    void readsBackWhatWasWrittenSingleAndMultiBlock() throws Exception {
        try (BlockDevice d = newDevice()) {
            int bs = d.blockSize();
            byte[] one = pattern(bs, 1);
            byte[] three = pattern(bs * 3, 2);
            d.write(5, ByteBuffer.wrap(one));
            d.write(10, ByteBuffer.wrap(three));
            ByteBuffer back = ByteBuffer.allocate(bs * 4);
            d.read(9, back);
            byte[] expected = new byte[bs * 4];
            System.arraycopy(three, 0, expected, bs, bs * 3);
            assertArrayEquals(expected, back.array());
            ByteBuffer b5 = ByteBuffer.allocate(bs);
            d.read(5, b5);
            assertArrayEquals(one, b5.array());
        }
    }

    @Test
    void overwriteReplacesWholeBlock() throws Exception {
        try (BlockDevice d = newDevice()) {
            int bs = d.blockSize();
            d.write(3, ByteBuffer.wrap(pattern(bs, 3)));
            byte[] second = pattern(bs, 4);
            d.write(3, ByteBuffer.wrap(second));
            d.flush();
            ByteBuffer back = ByteBuffer.allocate(bs);
            d.read(3, back);
            assertArrayEquals(second, back.array());
        }
    }

    @Test
    void advancesBufferPositions() throws Exception {
        try (BlockDevice d = newDevice()) {
            ByteBuffer src = ByteBuffer.wrap(pattern(d.blockSize(), 5));
            d.write(0, src);
            assertEquals(0, src.remaining());
            ByteBuffer dst = ByteBuffer.allocate(d.blockSize());
            d.read(0, dst);
            assertEquals(0, dst.remaining());
        }
    }

    @Test
    void rejectsPartialBlocksAndOutOfRange() throws Exception {
        try (BlockDevice d = newDevice()) {
            int bs = d.blockSize();
            assertThrows(IllegalArgumentException.class, () -> d.write(0, ByteBuffer.allocate(bs - 1)));
            assertThrows(IllegalArgumentException.class, () -> d.read(0, ByteBuffer.allocate(0)));
            assertThrows(IllegalArgumentException.class, () -> d.read(-1, ByteBuffer.allocate(bs)));
            assertThrows(IllegalArgumentException.class, () -> d.read(d.blockCount(), ByteBuffer.allocate(bs)));
            assertThrows(IllegalArgumentException.class,
                    () -> d.write(d.blockCount() - 1, ByteBuffer.allocate(bs * 2)));
        }
    }

    @Test
    void concurrentWritersOnDifferentBlocksDoNotInterfere() throws Exception {
        try (BlockDevice d = newDevice()) {
            int bs = d.blockSize();
            int threads = 4;
            int perThread = 16;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int base = t * perThread;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            d.write(base + i, ByteBuffer.wrap(pattern(bs, base + i)));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
            for (int b = 0; b < threads * perThread; b++) {
                ByteBuffer back = ByteBuffer.allocate(bs);
                d.read(b, back);
                assertArrayEquals(pattern(bs, b), back.array(), "block " + b);
            }
        }
    }

    @Test
    void callsAfterCloseFail() throws Exception {
        BlockDevice d = newDevice();
        d.close();
        assertThrows(IllegalStateException.class, () -> d.read(0, ByteBuffer.allocate(d.blockSize())));
    }
}
