package dev.haven.fs;

import static dev.haven.fs.HavenFsTest.assertClean;
import static dev.haven.fs.HavenFsTest.assertError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.CrashOutcome;
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class FreezeAndConcurrencyTest {
    private static final CreateAttributes A = CreateAttributes.DEFAULT;

    private static void awaitBlocked(Thread t) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (t.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "thread never blocked: " + t.getState());
            Thread.onSpinWait();
        }
    }

    @Test
    void changesWaitWhileFrozenAndTheSnapshotIsCleanAndMountsReadOnly() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("prod", 4096, 4096);
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            long f = fs.createFile(HavenFs.ROOT, "f", A).id();
            fs.write(f, 0, ByteBuffer.wrap(new byte[] {1, 2, 3}));
            fs.freeze();
            assertEquals(FsLifecycle.FROZEN, fs.state());
            assertError(FsError.INVALID, fs::freeze);
            String frozen = FsDigest.of(fs);
            Thread writer = new Thread(() -> {
                try {
                    fs.createFile(HavenFs.ROOT, "late", A);
                } catch (FsException e) {
                    throw new IllegalStateException(e);
                }
            });
            writer.start();
            awaitBlocked(writer);
            assertError(FsError.NOT_FOUND, () -> fs.lookup(HavenFs.ROOT, "late"));
            fs.sync(); // a sync while frozen returns at once: everything is already durable
            MemoryBlockDevice snapshot = dev.copy("snap").setReadOnly(true);
            fs.thaw();
            writer.join();
            assertEquals(FsLifecycle.MOUNTED, fs.state());
            fs.lookup(HavenFs.ROOT, "late");
            assertClean(snapshot);
            try (HavenFs snap = HavenFs.mount(snapshot)) {
                assertTrue(snap.mountedClean());
                assertTrue(snap.isReadOnly());
                assertEquals(frozen, FsDigest.of(snap));
                assertError(FsError.READ_ONLY, () -> snap.unlink(HavenFs.ROOT, "f"));
            }
        }
    }

    @Test
    void freedBlocksAreDeclaredOnlyAfterTheirCommit() throws Exception {
        RecordingDevice dev = new RecordingDevice(new MemoryBlockDevice("rec", 4096, 4096));
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            assertTrue(dev.declaredFree.cardinality() > 4000, "format declares the free space");
            long f = fs.createFile(HavenFs.ROOT, "f", A).id();
            fs.write(f, 0, ByteBuffer.wrap(new byte[40_960]));
            fs.sync();
            int before = dev.declaredFree.cardinality();
            fs.unlink(HavenFs.ROOT, "f");
            assertEquals(before, dev.declaredFree.cardinality(), "nothing declared before the commit");
            fs.sync();
            assertTrue(dev.declaredFree.cardinality() >= before + 10, "data blocks declared free after commit");
        }
        assertClean(dev.memory);
    }

    @Test
    void concurrentReadersAndWritersOnDifferentFiles() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("conc", 4096, 16_384);
        int threads = 4;
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            long dir = fs.createDirectory(HavenFs.ROOT, "d", A).id();
            ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
            List<Future<byte[]>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                results.add(pool.submit(() -> exercise(fs, dir, seed)));
            }
            Future<?> creator = pool.submit(() -> {
                for (int i = 0; i < 2000; i++) {
                    fs.createFile(dir, "c" + i, A);
                }
                return null;
            });
            creator.get();
            for (int t = 0; t < threads; t++) {
                byte[] model = results.get(t).get();
                assertArrayEquals(model, HavenFsTest.readAll(fs, fs.lookup(dir, "t" + t).id()));
            }
            pool.shutdown();
            assertEquals(2000 + threads, fs.attributes(dir).size());
        }
        assertClean(dev);
    }

    private static byte[] exercise(HavenFs fs, long dir, int seed) throws Exception {
        Random r = new Random(seed);
        long ino = fs.createFile(dir, "t" + seed, A).id();
        byte[] model = new byte[256 * 1024];
        fs.write(ino, 0, ByteBuffer.wrap(model));
        for (int i = 0; i < 400; i++) {
            int off = r.nextInt(model.length - 10_000);
            byte[] b = new byte[1 + r.nextInt(10_000)];
            r.nextBytes(b);
            fs.write(ino, off, ByteBuffer.wrap(b));
            System.arraycopy(b, 0, model, off, b.length);
            ByteBuffer back = ByteBuffer.allocate(b.length);
            fs.read(ino, off, back);
            assertArrayEquals(b, back.array());
            assertFalse(Thread.currentThread().isInterrupted());
        }
        return model;
    }

    @Test
    void commitsBetweenTheStepsOfAllocatingWritesLeaveConsistentImages() throws Exception {
        dev.haven.testkit.PowerSupply power = new dev.haven.testkit.PowerSupply();
        dev.haven.testkit.FaultInjectingBlockDevice dev = power.newDevice("live", 4096, 16_384);
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long ino = fs.createFile(HavenFs.ROOT, "w" + t, A).id();
                work.add(pool.submit(() -> {
                    byte[] chunk = new byte[20_000];
                    for (long off = 0; !stop.get() && off < 20_000_000; off += chunk.length) {
                        fs.write(ino, off, ByteBuffer.wrap(chunk));
                    }
                    return null;
                }));
            }
            work.add(pool.submit(() -> {
                while (!stop.get()) {
                    fs.sync();
                }
                return null;
            }));
            for (int k = 0; k < 25; k++) {
                MemoryBlockDevice image = dev.imageAfterCrash(CrashOutcome.LOSE_ALL, new Random(k));
                FsckReport r = FsCheck.check(image);
                assertTrue(r.isClean(), "image " + k + ": " + r);
            }
            stop.set(true);
            for (Future<?> f : work) {
                f.get();
            }
            pool.shutdown();
        }
    }
}
