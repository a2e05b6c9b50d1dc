package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Model-based random test: thousands of random steps on a small volume against {@link Oracle}.
 * Replay a failure with {@code -Dhaven.volume.seed=N}; {@code -Dhaven.volume.checkEvery=1} checks
 * everything after each step, {@code -Dhaven.volume.trace=true} prints the steps,
 * {@code -Dhaven.volume.runs=N} runs more seeds.
 */
class VolumeModelTest {
    private static final int BS = 4096;
    private static final long BLOCKS = 48;
    private static final int CHECK_EVERY = Integer.getInteger("haven.volume.checkEvery", 250);
    private static final boolean TRACE = Boolean.getBoolean("haven.volume.trace");

    @Test
    void randomOperationsMatchTheOracle() throws Exception {
        Long fixed = Long.getLong("haven.volume.seed");
        long base = fixed != null ? fixed : System.nanoTime();
        int runs = fixed != null ? 1 : Integer.getInteger("haven.volume.runs", 6);
        for (int i = 0; i < runs; i++) {
            long seed = base + i;
            try {
                new Run(seed).go(1500);
            } catch (Throwable t) {
                throw new AssertionError("failed with seed " + seed + " (replay: -Dhaven.volume.seed=" + seed + ")", t);
            }
        }
    }

    private static final class Run {
        final Random rnd;
        final TestStore store = new TestStore();
        final Oracle model = new Oracle(BS, BLOCKS);
        final VolumeOptions options = VolumeOptions.defaults().withoutBackgroundRestore().withSaveBlocks(4096)
                .withMaxHeldBytes(16L * BS).withClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        Volume v;
        String restoreSource;
        int names;

        Run(long seed) {
            this.rnd = new Random(seed);
        }

        void go(int steps) throws Exception {
            v = Volume.create(store, BLOCKS * BS, BS, options);
            for (int step = 0; step < steps; step++) {
                one();
                if (step % CHECK_EVERY == CHECK_EVERY - 1) {
                    model.checkAll(v, false);
                }
            }
            model.checkAll(v, false);
            v.close();
        }

        private void one() throws IOException {
            int op = rnd.nextInt(100);
            if (TRACE) {
                System.out.println("op " + op + " restore=" + restoreSource);
            }
            if (op < 35) {
                writeProduction();
            } else if (op < 45) {
                writeWritable();
            } else if (op < 49) {
                long b = rnd.nextInt((int) BLOCKS - 4);
                long n = 1 + rnd.nextInt(4);
                v.production().declareFree(b, n);
                model.free(b, n);
            } else if (op < 56) {
                snapshot();
            } else if (op < 60) {
                writable();
            } else if (op < 63) {
                refresh();
            } else if (op < 68) {
                delete();
            } else if (op < 70) {
                restore();
            } else if (op < 80) {
                step();
            } else if (op < 84) {
                v.flush();
            } else if (op < 86) {
                v.close();
                v = Volume.open(store, options);
            } else {
                readSome();
            }
        }

        private byte[] data() {
            byte[] d = new byte[BS];
            rnd.nextBytes(d);
            return d;
        }

        private void writeProduction() throws IOException {
            long b = rnd.nextInt((int) BLOCKS - 2);
            int n = 1 + rnd.nextInt(2);
            ByteBuffer buf = ByteBuffer.allocate(n * BS);
            for (int i = 0; i < n; i++) {
                byte[] d = data();
                buf.put(d);
                model.write(null, b + i, d);
            }
            if (TRACE) {
                System.out.println("  write " + b + " x" + n);
            }
            v.production().write(b, buf.flip());
        }

        private String pick(boolean writable) {
            List<String> c = new ArrayList<>();
            for (String s : model.snapshots.keySet()) {
                if (model.writableBase.containsKey(s) == writable) {
                    c.add(s);
                }
            }
            c.sort(null);
            return c.isEmpty() ? null : c.get(rnd.nextInt(c.size()));
        }

        private void writeWritable() throws IOException {
            String w = pick(true);
            if (w == null) {
                return;
            }
            long b = rnd.nextInt((int) BLOCKS);
            byte[] d = data();
            BlockDevice dev = v.view(w);
            if (w.equals(restoreSource)) {
                assertThrows(IOException.class, () -> dev.write(b, ByteBuffer.wrap(d)));
                return;
            }
            dev.write(b, ByteBuffer.wrap(d));
            model.write(w, b, d);
        }

        private void snapshot() throws IOException {
            String name = "s" + names++;
            v.createSnapshot(name);
            model.snapshot(name);
        }

        private void writable() throws IOException {
            String base = pick(false);
            if (base == null) {
                return;
            }
            String name = "w" + names++;
            v.createWritable(base, name);
            model.writable(base, name);
        }

        private void refresh() throws IOException {
            String w = pick(true);
            if (w == null) {
                return;
            }
            String from = rnd.nextBoolean() ? null : pick(false);
            if (w.equals(restoreSource)) {
                assertThrows(VolumeStateException.class, () -> v.refresh(w, from));
                return;
            }
            Set<String> before = Oracle.names(v);
            v.refresh(w, from);
            String base = from;
            if (base == null) {
                base = newName(before);
                model.snapshot(base);
            }
            model.snapshots.put(w, new HashMap<>(model.snapshots.get(base)));
            model.writableBase.put(w, base);
        }

        private String newName(Set<String> before) {
            Set<String> after = Oracle.names(v);
            after.removeAll(before);
            return after.iterator().next();
        }

        private void delete() throws IOException {
            String s = rnd.nextBoolean() ? pick(false) : pick(true);
            if (s == null) {
                return;
            }
            boolean dependents = model.writableBase.containsValue(s);
            if (dependents || s.equals(restoreSource)) {
                assertThrows(VolumeStateException.class, () -> v.delete(s));
                return;
            }
            v.delete(s);
            model.delete(s);
        }

        private void restore() throws IOException {
            String s = rnd.nextBoolean() ? pick(false) : pick(true);
            if (s == null) {
                return;
            }
            if (restoreSource != null) {
                assertThrows(VolumeStateException.class, () -> v.restore(s));
                return;
            }
            Set<String> before = Oracle.names(v);
            v.restore(s);
            model.snapshot(newName(before));
            model.production = new HashMap<>(model.snapshots.get(s));
            restoreSource = s;
        }

        private void step() throws IOException {
            Restore r = v.currentRestore();
            if (r != null && r.step(1 + rnd.nextInt(6))) {
                restoreSource = null;
            }
            if (v.currentRestore() == null) {
                restoreSource = null;
            }
        }

        private void readSome() throws IOException {
            String s = rnd.nextInt(3) == 0 ? null : rnd.nextBoolean() ? pick(false) : pick(true);
            long b = rnd.nextInt((int) BLOCKS);
            Map<Long, byte[]> image = s == null ? model.production : model.snapshots.get(s);
            byte[] want = image.getOrDefault(b, new byte[BS]);
            if (want == Oracle.UNSPECIFIED) {
                return;
            }
            ByteBuffer got = ByteBuffer.allocate(BS);
            (s == null ? v.production() : v.view(s)).read(b, got);
            assertArrayEquals(want, got.array(), (s == null ? "production" : s) + " block " + b);
        }
    }

    @Test
    void tenThousandSnapshotsKeepReadsAndWritesCheap() throws Exception {
        TestStore store = new TestStore();
        VolumeOptions o = VolumeOptions.defaults().withoutBackgroundRestore().withSaveBlocks(100_000);
        try (Volume v = Volume.create(store, 1024L * BS, BS, o)) {
            BlockDevice p = v.production();
            Random rnd = new Random(1);
            byte[] d = new byte[BS];
            Set<Long> written = new HashSet<>();
            for (int i = 0; i < 10_000; i++) {
                v.createSnapshot("s" + i);
                long b = rnd.nextInt(1024);
                rnd.nextBytes(d);
                p.write(b, ByteBuffer.wrap(d));
                written.add(b);
            }
            long t0 = System.nanoTime();
            ByteBuffer buf = ByteBuffer.allocate(BS);
            BlockDevice oldest = v.view("s0");
            for (int i = 0; i < 20_000; i++) {
                buf.clear();
                oldest.read(rnd.nextInt(1024), buf);
            }
            long perRead = (System.nanoTime() - t0) / 20_000;
            org.junit.jupiter.api.Assertions.assertTrue(perRead < 200_000, "read of oldest of 10,000 snapshots took "
                    + perRead + " ns");
            buf.clear();
            oldest.read(0, buf);
            assertArrayEquals(new byte[BS], buf.array(), "oldest snapshot saw the volume empty");
            Oracle.checkNoLeak(v);
        }
    }
}
