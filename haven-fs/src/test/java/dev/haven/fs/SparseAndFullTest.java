package dev.haven.fs;

import static dev.haven.fs.HavenFsTest.assertClean;
import static dev.haven.fs.HavenFsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SparseAndFullTest {
    private static final long GIB = 1L << 30;

    @Test
    void sparseTenGibFileTakesOnlyWrittenBlocks() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("sparse", 4096, 262_144); // 1 GiB device
        long ino;
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            ino = fs.createFile(HavenFs.ROOT, "sparse", CreateAttributes.DEFAULT).id();
            fs.write(ino, 10 * GIB - 3, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            fs.write(ino, 5 * GIB - 2, ByteBuffer.wrap(new byte[] {4, 5, 6, 7}));
        }
        int stored = dev.storedBlocks();
        try (HavenFs fs = HavenFs.mount(dev)) {
            Inode i = fs.attributes(ino);
            assertEquals(10 * GIB, i.size());
            assertEquals(3 * 4096, i.allocationSize());
            ByteBuffer b = ByteBuffer.allocate(8);
            assertEquals(8, fs.read(ino, 5 * GIB - 4, b));
            assertEquals(List.of(0, 0, 4, 5, 6, 7, 0, 0), toList(b.array()));
            b.clear();
            assertEquals(3, fs.read(ino, 10 * GIB - 3, b));
            assertEquals(3, b.get(2));
            ByteBuffer hole = ByteBuffer.allocate(1 << 20);
            assertEquals(1 << 20, fs.read(ino, 7 * GIB, hole));
            assertTrue(isZero(hole.array()));
            fs.truncate(ino, 6 * GIB);
            assertEquals(2 * 4096, fs.attributes(ino).allocationSize());
        }
        assertTrue(stored < 200, "device holds " + stored + " blocks");
        assertClean(dev);
    }

    private static List<Integer> toList(byte[] b) {
        List<Integer> l = new ArrayList<>();
        for (byte x : b) {
            l.add((int) x);
        }
        return l;
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    @Test
    void fullVolumeSaysNoSpaceStaysConsistentAndFreesOnDelete() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("full", 4096, 2048); // 8 MiB
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            byte[] chunk = new byte[256 * 1024];
            int files = 0;
            FsException full = null;
            while (full == null) {
                long ino = fs.createFile(HavenFs.ROOT, "f" + files++, CreateAttributes.DEFAULT).id();
                try {
                    for (int k = 0; k < 4; k++) {
                        fs.write(ino, (long) k * chunk.length, ByteBuffer.wrap(chunk));
                    }
                } catch (FsException e) {
                    full = e;
                }
            }
            assertEquals(FsError.NO_SPACE, full.error());
            assertError(FsError.NO_SPACE, () -> fs.write(fs.lookup(HavenFs.ROOT, "f0").id(), 10 << 20, ByteBuffer.wrap(chunk)));
            fs.sync();
            assertClean(dev);
            for (int i = 0; i < files; i += 2) {
                fs.unlink(HavenFs.ROOT, "f" + i);
            }
            long ino = fs.createFile(HavenFs.ROOT, "after", CreateAttributes.DEFAULT).id();
            fs.write(ino, 0, ByteBuffer.wrap(chunk));
            assertEquals(chunk.length, fs.attributes(ino).size());
        }
        assertClean(dev);
    }

    @Test
    void manyEmptyFilesFillMetadataWithoutCorruption() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("meta", 4096, 200);
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            int i = 0;
            try {
                for (; i < 100_000; i++) {
                    fs.createFile(HavenFs.ROOT, "a-long-file-name-to-use-metadata-space-" + i, CreateAttributes.DEFAULT);
                }
            } catch (FsException e) {
                assertEquals(FsError.NO_SPACE, e.error());
            }
            fs.sync();
            assertClean(dev);
            for (int k = 0; k < i; k++) {
                fs.unlink(HavenFs.ROOT, "a-long-file-name-to-use-metadata-space-" + k);
            }
            fs.sync();
            fs.createFile(HavenFs.ROOT, "again", CreateAttributes.DEFAULT);
        }
        assertClean(dev);
    }
}
