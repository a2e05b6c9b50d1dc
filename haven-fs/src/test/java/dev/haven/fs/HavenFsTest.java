package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class HavenFsTest {
    static final CreateAttributes A = CreateAttributes.DEFAULT;
    final MemoryBlockDevice dev = new MemoryBlockDevice("t", 4096, 16_384);

    static void assertError(FsError kind, Executable e) {
        FsException ex = assertThrows(FsException.class, e);
        assertEquals(kind, ex.error(), ex.getMessage());
    }

    static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] readAll(HavenFs fs, long ino) throws FsException {
        Inode i = fs.attributes(ino);
        ByteBuffer b = ByteBuffer.allocate((int) i.size());
        while (b.hasRemaining() && fs.read(ino, b.position(), b) > 0) {
            // read until full
        }
        return b.array();
    }

    static void assertClean(MemoryBlockDevice d) {
        FsckReport r = FsCheck.check(d);
        assertTrue(r.isClean(), r.toString());
    }

    @Test
    void formatsAnEmptyCleanFileSystem() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            Inode root = fs.attributes(HavenFs.ROOT);
            assertTrue(root.isDirectory());
            assertEquals(0, root.size());
            assertTrue(fs.listAll(HavenFs.ROOT).isEmpty());
        }
        assertClean(dev);
        try (HavenFs fs = HavenFs.mount(dev)) {
            assertTrue(fs.mountedClean());
        }
    }

    @Test
    void writtenDataSurvivesRemount() throws Exception {
        byte[] data = bytes(100_000, 1);
        long ino;
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            ino = fs.createFile(HavenFs.ROOT, "a.bin", A).id();
            fs.write(ino, 0, ByteBuffer.wrap(data));
            fs.write(ino, 5000, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            data[5000] = 1;
            data[5001] = 2;
            data[5002] = 3;
            assertArrayEquals(data, readAll(fs, ino));
        }
        assertClean(dev);
        try (HavenFs fs = HavenFs.mount(dev)) {
            assertEquals(ino, fs.resolve("/a.bin").id());
            assertArrayEquals(data, readAll(fs, ino));
            assertEquals(100_000, fs.attributes(ino).size());
            assertEquals(25 * 4096, fs.attributes(ino).allocationSize());
        }
    }

    @Test
    void holesReadAsZerosAndTruncateZeroesTheTail() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            long ino = fs.createFile(HavenFs.ROOT, "s", A).id();
            fs.write(ino, 1_000_000, ByteBuffer.wrap(new byte[] {9}));
            assertEquals(4096, fs.attributes(ino).allocationSize());
            byte[] all = readAll(fs, ino);
            assertEquals(1_000_001, all.length);
            assertEquals(9, all[1_000_000]);
            for (int i = 0; i < 1_000_000; i++) {
                assertEquals(0, all[i]);
            }
            fs.write(ino, 0, ByteBuffer.wrap(bytes(5000, 2)));
            fs.truncate(ino, 10);
            fs.truncate(ino, 6000);
            byte[] t = readAll(fs, ino);
            assertArrayEquals(java.util.Arrays.copyOf(bytes(5000, 2), 10), java.util.Arrays.copyOf(t, 10));
            for (int i = 10; i < 6000; i++) {
                assertEquals(0, t[i], "byte " + i);
            }
            fs.truncate(ino, 0);
            assertEquals(0, fs.attributes(ino).allocationSize());
        }
        assertClean(dev);
    }

    @Test
    void caseInsensitiveLookupPreservesCase() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, new FormatOptions(true, java.time.Clock.systemUTC()))) {
            long ino = fs.createFile(HavenFs.ROOT, "Straße.TXT", A).id();
            assertEquals(ino, fs.lookup(HavenFs.ROOT, "STRASSE.txt".equals("x") ? "" : "straße.txt").id());
            assertEquals(ino, fs.lookup(HavenFs.ROOT, "STRAßE.TXT").id());
            assertError(FsError.EXISTS, () -> fs.createFile(HavenFs.ROOT, "straße.txt", A));
            assertEquals("Straße.TXT", fs.listAll(HavenFs.ROOT).get(0).name());
            fs.rename(HavenFs.ROOT, "straße.txt", HavenFs.ROOT, "straße.txt", false);
            assertEquals("straße.txt", fs.listAll(HavenFs.ROOT).get(0).name());
            assertEquals(ino, fs.lookup(HavenFs.ROOT, "STRAßE.TXT").id());
        }
        assertClean(dev);
    }

    @Test
    void caseSensitiveKeepsNamesApart() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            fs.createFile(HavenFs.ROOT, "a", A);
            fs.createFile(HavenFs.ROOT, "A", A);
            assertEquals(2, fs.listAll(HavenFs.ROOT).size());
        }
    }

    @Test
    void rejectsInvalidNames() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            for (String bad : List.of("", ".", "..", "a/b", "a\0b", "x".repeat(256), "\uD800")) {
                assertError(FsError.NAME_INVALID, () -> fs.createFile(HavenFs.ROOT, bad, A));
            }
            fs.createFile(HavenFs.ROOT, "é".repeat(127), A);
            assertError(FsError.NAME_INVALID, () -> fs.createFile(HavenFs.ROOT, "é".repeat(128), A));
        }
    }

    @Test
    void renameReplacesRefusesAndDetectsLoops() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            long d1 = fs.createDirectory(HavenFs.ROOT, "d1", A).id();
            long d2 = fs.createDirectory(d1, "d2", A).id();
            long f = fs.createFile(d1, "f", A).id();
            long g = fs.createFile(HavenFs.ROOT, "g", A).id();
            assertError(FsError.LOOP, () -> fs.rename(HavenFs.ROOT, "d1", d2, "x", false));
            assertError(FsError.LOOP, () -> fs.rename(HavenFs.ROOT, "d1", d1, "x", false));
            assertError(FsError.EXISTS, () -> fs.rename(d1, "f", HavenFs.ROOT, "g", false));
            assertError(FsError.NOT_A_DIRECTORY, () -> fs.rename(d1, "d2", HavenFs.ROOT, "g", true));
            assertError(FsError.IS_A_DIRECTORY, () -> fs.rename(HavenFs.ROOT, "g", d1, "d2", true));
            long d3 = fs.createDirectory(HavenFs.ROOT, "d3", A).id();
            fs.createFile(d3, "x", A);
            assertError(FsError.NOT_EMPTY, () -> fs.rename(d1, "d2", HavenFs.ROOT, "d3", true));
            fs.rename(d1, "f", HavenFs.ROOT, "g", true);
            assertEquals(f, fs.lookup(HavenFs.ROOT, "g").id());
            assertError(FsError.STALE, () -> fs.attributes(g));
            fs.rename(d1, "d2", HavenFs.ROOT, "d2", false);
            assertEquals(HavenFs.ROOT, fs.attributes(d2).parent());
            assertEquals(2, fs.attributes(d1).linkCount());
            assertEquals(5, fs.attributes(HavenFs.ROOT).linkCount());
            fs.rename(HavenFs.ROOT, "d2", HavenFs.ROOT, "d1", true);
            assertEquals(d2, fs.lookup(HavenFs.ROOT, "d1").id());
            assertError(FsError.STALE, () -> fs.attributes(d1));
        }
        assertClean(dev);
    }

    @Test
    void hardLinksCountAndLastUnlinkFrees() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            Inode f = fs.createFile(HavenFs.ROOT, "f", A);
            fs.write(f.id(), 0, ByteBuffer.wrap(bytes(10_000, 3)));
            long d = fs.createDirectory(HavenFs.ROOT, "d", A).id();
            fs.link(f.id(), d, "f2");
            assertEquals(2, fs.attributes(f.id()).linkCount());
            assertError(FsError.IS_A_DIRECTORY, () -> fs.link(d, HavenFs.ROOT, "dd"));
            assertError(FsError.IS_A_DIRECTORY, () -> fs.unlink(HavenFs.ROOT, "d"));
            assertError(FsError.NOT_EMPTY, () -> fs.removeDirectory(HavenFs.ROOT, "d"));
            fs.unlink(HavenFs.ROOT, "f");
            assertArrayEquals(bytes(10_000, 3), readAll(fs, f.id()));
            fs.sync();
            assertClean(dev);
            fs.unlink(d, "f2");
            assertError(FsError.STALE, () -> fs.attributes(f.fileId()));
            fs.removeDirectory(HavenFs.ROOT, "d");
            assertError(FsError.NOT_FOUND, () -> fs.lookup(HavenFs.ROOT, "d"));
        }
        assertClean(dev);
    }

    @Test
    void symlinksAndAttributesRoundTrip() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            String target = "../some/where/" + "x".repeat(3000);
            long s = fs.createSymlink(HavenFs.ROOT, "l", target, A).id();
            long f = fs.createFile(HavenFs.ROOT, "f", new CreateAttributes(0600, 1000, 100, DosAttributes.HIDDEN)).id();
            fs.setAttributes(f, SetAttributes.NONE.withMode(0640).withDosAttributes(DosAttributes.ARCHIVE)
                    .withTimes(123L, 456L, null, 789L));
        }
        try (HavenFs fs = HavenFs.mount(dev)) {
            Inode l = fs.lookup(HavenFs.ROOT, "l");
            assertEquals(NodeType.SYMLINK, l.type());
            assertEquals("../some/where/" + "x".repeat(3000), fs.readSymlink(l.id()));
            Inode f = fs.lookup(HavenFs.ROOT, "f");
            assertEquals(0640, f.mode());
            assertEquals(1000, f.uid());
            assertEquals(DosAttributes.ARCHIVE, f.dosAttributes());
            assertEquals(123L, f.birthTime());
            assertEquals(456L, f.lastWriteTime());
            assertEquals(789L, f.lastAccessTime());
            assertError(FsError.IS_A_DIRECTORY, () -> fs.read(HavenFs.ROOT, 0, ByteBuffer.allocate(1)));
        }
        assertClean(dev);
    }

    @Test
    void extendedAttributesOf64KiBAndMore() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            long f = fs.createFile(HavenFs.ROOT, "f", A).id();
            fs.setXattr(f, "security.sd", bytes(65_536, 4));
            fs.setXattr(f, "user.a", "x".getBytes(StandardCharsets.UTF_8));
            fs.setXattr(f, "user.big", bytes(200_000, 5));
            fs.removeXattr(f, "user.big");
            assertError(FsError.NOT_FOUND, () -> fs.removeXattr(f, "user.big"));
            assertError(FsError.TOO_LARGE, () -> fs.setXattr(f, "x", new byte[(1 << 20) + 1]));
        }
        try (HavenFs fs = HavenFs.mount(dev)) {
            long f = fs.lookup(HavenFs.ROOT, "f").id();
            assertEquals(List.of("security.sd", "user.a"), fs.listXattrs(f));
            assertArrayEquals(bytes(65_536, 4), fs.getXattr(f, "security.sd"));
            assertError(FsError.NOT_FOUND, () -> fs.getXattr(f, "nope"));
        }
        assertClean(dev);
    }

    @Test
    void staleGenerationAndReadOnlyDevice() throws Exception {
        FileId id;
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            id = fs.createFile(HavenFs.ROOT, "f", A).fileId();
            assertError(FsError.STALE, () -> fs.attributes(new FileId(id.inode(), id.generation() + 1)));
            OpenFile o = fs.open(id);
            o.write(0, ByteBuffer.wrap(new byte[] {1}));
            fs.unlink(HavenFs.ROOT, "f");
            assertError(FsError.STALE, () -> o.read(0, ByteBuffer.allocate(1)));
        }
        dev.setReadOnly(true);
        try (HavenFs fs = HavenFs.mount(dev)) {
            assertTrue(fs.isReadOnly());
            assertError(FsError.READ_ONLY, () -> fs.createFile(HavenFs.ROOT, "g", A));
            assertError(FsError.READ_ONLY, () -> fs.freeze());
            fs.sync();
            assertTrue(fs.listAll(HavenFs.ROOT).isEmpty());
        }
    }

    @Test
    void foreignOrEmptyDeviceIsAClearError() throws Exception {
        assertError(FsError.CORRUPT, () -> HavenFs.mount(dev));
        dev.write(0, ByteBuffer.wrap(bytes(8192, 9)));
        FsException e = assertThrows(FsException.class, () -> HavenFs.mount(dev));
        assertTrue(e.getMessage().contains("not a HavenFS"), e.getMessage());
        assertFalse(FsCheck.check(dev).isClean());
        MemoryBlockDevice tiny = new MemoryBlockDevice("tiny", 512, 4);
        assertError(FsError.CORRUPT, () -> HavenFs.mount(tiny));
        assertFalse(FsCheck.check(tiny).isClean());
        assertError(FsError.NO_SPACE, () -> HavenFs.format(tiny, FormatOptions.DEFAULT));
    }

    @Test
    void statfsCountsBlocksAndInodes() throws Exception {
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            FsStats before = fs.statfs();
            long f = fs.createFile(HavenFs.ROOT, "f", A).id();
            fs.write(f, 0, ByteBuffer.wrap(new byte[40_960]));
            FsStats after = fs.statfs();
            assertEquals(before.usedInodes() + 1, after.usedInodes());
            assertEquals(before.freeBlocks() - 10, after.freeBlocks());
            assertEquals(after.totalBlocks(), after.freeBlocks() + after.usedBlocks());
        }
    }

    @Test
    void timesComeFromTheInjectedClockInHundredNanosecondTicks() throws Exception {
        java.time.Instant t = java.time.Instant.parse("2026-03-04T05:06:07.1234567Z");
        java.time.Clock clock = java.time.Clock.fixed(t, java.time.ZoneOffset.UTC);
        try (HavenFs fs = HavenFs.format(dev, new FormatOptions(false, clock))) {
            Inode f = fs.createFile(HavenFs.ROOT, "f", A);
            assertEquals(Inode.toTicks(t), f.birthTime());
            assertEquals(t, Inode.toInstant(f.lastWriteTime()));
            assertEquals(f.birthTime(), fs.attributes(HavenFs.ROOT).lastWriteTime());
        }
    }

    @Test
    void aFailedDeviceFailsTheFileSystemForGood() throws Exception {
        dev.haven.testkit.PowerSupply power = new dev.haven.testkit.PowerSupply();
        dev.haven.testkit.FaultInjectingBlockDevice d = power.newDevice("f", 4096, 4096);
        HavenFs fs = HavenFs.format(d, FormatOptions.DEFAULT);
        long f = fs.createFile(HavenFs.ROOT, "f", A).id();
        power.cutAfter(power.operations());
        assertError(FsError.IO_ERROR, () -> fs.write(f, 0, ByteBuffer.wrap(new byte[10])));
        assertError(FsError.IO_ERROR, () -> fs.createFile(HavenFs.ROOT, "g", A));
        assertEquals(FsLifecycle.FAILED, fs.state());
        fs.close();
        assertEquals(FsLifecycle.CLOSED, fs.state());
        assertError(FsError.CLOSED, () -> fs.attributes(HavenFs.ROOT));
    }

    @Test
    void worksOnSmallAndLargeDeviceBlocks() throws Exception {
        for (int deviceBlock : new int[] {512, 8192, 65_536}) {
            MemoryBlockDevice d = new MemoryBlockDevice("b" + deviceBlock, deviceBlock, (64L << 20) / deviceBlock);
            byte[] data = bytes(300_000, deviceBlock);
            try (HavenFs fs = HavenFs.format(d, FormatOptions.DEFAULT)) {
                assertEquals(Math.max(4096, deviceBlock), fs.blockSize());
                long dir = fs.createDirectory(HavenFs.ROOT, "d", A).id();
                for (int i = 0; i < 500; i++) {
                    fs.createFile(dir, "f" + i, A);
                }
                long f = fs.createFile(HavenFs.ROOT, "data", A).id();
                fs.write(f, 12_345, ByteBuffer.wrap(data));
                fs.setXattr(f, "user.big", bytes(70_000, 1));
            }
            assertClean(d);
            try (HavenFs fs = HavenFs.mount(d)) {
                assertEquals(500, fs.listAll(fs.lookup(HavenFs.ROOT, "d").id()).size());
                byte[] back = readAll(fs, fs.lookup(HavenFs.ROOT, "data").id());
                assertArrayEquals(data, java.util.Arrays.copyOfRange(back, 12_345, back.length));
            }
        }
    }
}
