package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import dev.haven.volume.Volume;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HavenFS on a haven-volume: freeze, snapshot, thaw, change; the snapshot shows the old tree. */
class SnapshotInterplayTest {
    private static final CreateAttributes A = CreateAttributes.DEFAULT;

    @TempDir
    Path dir;

    @Test
    void snapshotTakenWhileFrozenMountsReadOnlyWithTheOldTree() throws Exception {
        byte[] old = HavenFsTest.bytes(100_000, 1);
        try (Volume v = Volume.create(dir.resolve("vol"), 64L << 20, 4096)) {
            BlockDevice prod = v.production();
            String before;
            try (HavenFs fs = HavenFs.format(prod, FormatOptions.DEFAULT)) {
                long a = fs.createFile(HavenFs.ROOT, "a", A).id();
                fs.write(a, 0, ByteBuffer.wrap(old));
                fs.createDirectory(HavenFs.ROOT, "d", A);
                fs.freeze();
                before = FsDigest.of(fs);
                v.createSnapshot("s1");
                fs.thaw();
                fs.write(a, 0, ByteBuffer.wrap(HavenFsTest.bytes(100_000, 2)));
                fs.unlink(HavenFs.ROOT, "a");
                fs.createFile(fs.lookup(HavenFs.ROOT, "d").id(), "new", A);
                fs.sync();
                BlockDevice view = v.view("s1");
                assertTrue(FsCheck.check(view).isClean(), FsCheck.check(view).toString());
                try (HavenFs snap = HavenFs.mount(view)) {
                    assertTrue(snap.isReadOnly());
                    assertTrue(snap.mountedClean());
                    assertEquals(before, FsDigest.of(snap));
                    assertArrayEquals(old, HavenFsTest.readAll(snap, snap.lookup(HavenFs.ROOT, "a").id()));
                    HavenFsTest.assertError(FsError.READ_ONLY, () -> snap.createFile(HavenFs.ROOT, "x", A));
                }
                v.createWritable("s1", "w1");
                try (HavenFs w = HavenFs.mount(v.view("w1"))) {
                    assertTrue(!w.isReadOnly());
                    w.createFile(HavenFs.ROOT, "only-in-w1", A);
                }
                assertTrue(FsCheck.check(v.view("w1")).isClean());
                HavenFsTest.assertError(FsError.NOT_FOUND, () -> fs.lookup(HavenFs.ROOT, "only-in-w1"));
            }
            assertTrue(FsCheck.check(prod).isClean());
        }
    }
}
