package dev.haven.fs;

import static dev.haven.fs.HavenFsTest.assertClean;
import static dev.haven.fs.HavenFsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FileHolesTest {
    private static final int BS = 4096;

    private static byte[] pattern(int n, int seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] read(HavenFs fs, long ino, long off, int n) throws FsException {
        ByteBuffer b = ByteBuffer.allocate(n);
        fs.read(ino, off, b);
        return b.array();
    }

    @Test
    void punchedRangeReadsZerosAndGivesWholeBlocksBack() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("holes", BS, 4096);
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            long ino = fs.createFile(HavenFs.ROOT, "f", CreateAttributes.DEFAULT).id();
            byte[] data = pattern(64 * BS, 1);
            fs.write(ino, 0, ByteBuffer.wrap(data));
            fs.sync();
            long freeBefore = fs.statfs().freeBlocks();

            fs.punchHole(ino, 3 * BS + 100, 10 * BS); // partial block 3, whole 4..12, partial 13
            fs.sync();

            byte[] expected = data.clone();
            java.util.Arrays.fill(expected, 3 * BS + 100, 13 * BS + 100, (byte) 0);
            assertArrayEquals(expected, read(fs, ino, 0, data.length));
            assertEquals(freeBefore + 9, fs.statfs().freeBlocks());
            assertEquals(64L * BS - 9 * BS, fs.attributes(ino).allocationSize());
            assertEquals(64L * BS, fs.attributes(ino).size());
            assertEquals(List.of(new ByteRange(0, 4 * BS), new ByteRange(13 * BS, 51 * BS)),
                    fs.allocatedRanges(ino, 0, Long.MAX_VALUE));
        }
        assertClean(dev);
    }

    @Test
    void allocatedRangesAreClippedToTheQueryAndTheSize() throws Exception {
        try (HavenFs fs = HavenFs.format(new MemoryBlockDevice("q", BS, 4096), FormatOptions.DEFAULT)) {
            long ino = fs.createFile(HavenFs.ROOT, "f", CreateAttributes.DEFAULT).id();
            assertEquals(List.of(), fs.allocatedRanges(ino, 0, 1024));
            fs.write(ino, 4096, ByteBuffer.wrap(pattern(1024, 2)));
            assertEquals(List.of(), fs.allocatedRanges(ino, 0, 4096));
            assertEquals(List.of(new ByteRange(4096, 1024)), fs.allocatedRanges(ino, 0, 8192));
            assertEquals(List.of(new ByteRange(4097, 100)), fs.allocatedRanges(ino, 4097, 100));
            assertEquals(List.of(), fs.allocatedRanges(ino, 5120, 100));
            fs.truncate(ino, 1 << 20);
            fs.write(ino, 1 << 20, ByteBuffer.wrap(pattern(10, 3)));
            assertEquals(List.of(new ByteRange(4096, 4096), new ByteRange(1 << 20, 10)),
                    fs.allocatedRanges(ino, 0, 2 << 20));
            assertError(FsError.INVALID, () -> fs.allocatedRanges(ino, 512, Long.MAX_VALUE));
            assertError(FsError.INVALID, () -> fs.punchHole(ino, -1, 10));
        }
    }

    @Test
    void punchBeyondTheEndChangesNothingAndInsideOneBlockOnlyZeroes() throws Exception {
        try (HavenFs fs = HavenFs.format(new MemoryBlockDevice("e", BS, 4096), FormatOptions.DEFAULT)) {
            long ino = fs.createFile(HavenFs.ROOT, "f", CreateAttributes.DEFAULT).id();
            byte[] data = pattern(BS, 4);
            fs.write(ino, 0, ByteBuffer.wrap(data));
            fs.punchHole(ino, 4096, 8);
            fs.punchHole(ino, 8192, 8);
            assertEquals(BS, fs.attributes(ino).size());
            fs.punchHole(ino, 10, 20);
            java.util.Arrays.fill(data, 10, 30, (byte) 0);
            assertArrayEquals(data, read(fs, ino, 0, BS));
            assertEquals(List.of(new ByteRange(0, BS)), fs.allocatedRanges(ino, 0, BS));
        }
    }

    /** Random writes and punches against a byte-array oracle; allocation never claims a hole has data. */
    @Test
    void randomPunchesMatchAnOracle() throws Exception {
        long base = Long.getLong("haven.seed", new Random().nextLong());
        for (long seed = base; seed < base + 5; seed++) {
            try {
                oneRun(seed);
            } catch (AssertionError | Exception e) {
                throw new AssertionError("failed with seed " + seed + " (replay: -Dhaven.seed=" + seed + ")", e);
            }
        }
    }

    private static void oneRun(long seed) throws Exception {
        Random r = new Random(seed);
        int size = 40 * BS;
        byte[] oracle = new byte[size];
        try (HavenFs fs = HavenFs.format(new MemoryBlockDevice("r", BS, 4096), FormatOptions.DEFAULT)) {
            long ino = fs.createFile(HavenFs.ROOT, "f", CreateAttributes.DEFAULT).id();
            fs.truncate(ino, size);
            for (int step = 0; step < 200; step++) {
                int off = r.nextInt(size);
                int len = r.nextInt(Math.min(size - off, 6 * BS) + 1);
                if (r.nextBoolean()) {
                    byte[] d = pattern(len, r.nextInt());
                    fs.write(ino, off, ByteBuffer.wrap(d));
                    System.arraycopy(d, 0, oracle, off, len);
                } else {
                    fs.punchHole(ino, off, len);
                    java.util.Arrays.fill(oracle, off, off + len, (byte) 0);
                }
            }
            assertArrayEquals(oracle, read(fs, ino, 0, size));
            List<ByteRange> ranges = fs.allocatedRanges(ino, 0, size);
            List<ByteRange> nonZeroOutside = new ArrayList<>();
            long at = 0;
            for (ByteRange br : ranges) {
                checkZero(oracle, at, br.offset(), nonZeroOutside);
                at = br.end();
            }
            checkZero(oracle, at, size, nonZeroOutside);
            assertEquals(List.of(), nonZeroOutside, "data in ranges reported as holes");
            long allocated = ranges.stream().mapToLong(ByteRange::length).sum();
            assertEquals(allocated, fs.attributes(ino).allocationSize());
        }
    }

    private static void checkZero(byte[] oracle, long from, long to, List<ByteRange> bad) {
        for (long i = from; i < to; i++) {
            if (oracle[(int) i] != 0) {
                bad.add(new ByteRange(i, 1));
                return;
            }
        }
    }
}
