package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import dev.haven.testkit.CrashOutcome;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/**
 * Cuts the power at every write position of scripted scenarios (snapshots, writable snapshots,
 * delete, refresh, a restore with writes during it), for several crash outcomes, then reopens and
 * checks: every snapshot has exactly its point-in-time content, production its last flushed
 * content, no save block is shared, a pending restore resumes and finishes.
 */
class VolumeCrashTest {
    private static final int BS = 4096;
    private static final long BLOCKS = 16;
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final VolumeOptions OPTIONS = VolumeOptions.defaults().withoutBackgroundRestore()
            .withSaveBlocks(256).withClock(CLOCK).withMaxHeldBytes(4L * BS);
    private static final String STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC).format(CLOCK.instant());

    private interface Scenario {
        void run(Driver d) throws IOException;
    }

    /** Runs operations on the volume and on the oracle; {@link #after} is the oracle if the running operation completes. */
    private static final class Driver {
        final TestStore store;
        Volume v;
        Oracle model = new Oracle(BS, BLOCKS);
        Oracle after;
        private Change pending;
        private boolean pendingIsFlush;
        private int seq;

        Driver(TestStore store, Volume v) {
            this.store = store;
            this.v = v;
        }

        /** Close (which flushes) and open again in the same session: a restore resumes from the durable cursor. */
        void reopen() throws IOException {
            admin(Oracle::flushed, () -> {
                v.close();
                v = Volume.open(store, OPTIONS);
            });
        }

        byte[] data() {
            byte[] d = new byte[BS];
            new Random(++seq).nextBytes(d);
            return d;
        }

        void write(long b) throws IOException {
            byte[] d = data();
            model.write(null, b, d);
            v.production().write(b, ByteBuffer.wrap(d));
        }

        /** One write of {@code n} blocks from {@code b} (a range write: copy on write per run). */
        void writeRange(long b, int n) throws IOException {
            ByteBuffer all = ByteBuffer.allocate(n * BS);
            for (int i = 0; i < n; i++) {
                byte[] d = data();
                model.write(null, b + i, d);
                all.put(d);
            }
            v.production().write(b, all.flip());
        }

        /**
         * Makes the next flush that runs unfrozen (a flush, or the first phase of an admin
         * operation) write {@code blocks} when it reaches {@code point}, as a concurrent writer
         * would: a range write of {@code blocks[0]} and the block after it, then one write per
         * further block.
         */
        void during(WriteOrder.FlushPoint point, long... blocks) {
            Engine e = v.engine();
            e.observeFlushes(at -> {
                if (at != point || e.admin.isWriteLockedByCurrentThread()) {
                    return;
                }
                e.observeFlushes(x -> { });
                writeDuringCall(blocks);
            });
        }

        private void writeDuringCall(long[] blocks) throws IOException {
            List<Long> written = java.util.Arrays.stream(blocks).boxed().toList();
            try {
                writeRange(blocks[0], 2);
                for (int i = 1; i < blocks.length; i++) {
                    write(blocks[i]);
                }
            } finally {
                // The running operation sees these writes: redo its effect on top of them.
                after = model.copy();
                pending.apply(after);
                if (pendingIsFlush) {
                    after.dirty.addAll(written); // written after the flush took its batch
                    after.dirty.add(blocks[0] + 1);
                }
            }
        }

        void writeWritable(String w, long b) throws IOException {
            byte[] d = data();
            model.write(w, b, d);
            v.view(w).write(b, ByteBuffer.wrap(d));
        }

        void free(long b, long n) throws IOException {
            model.free(b, n);
            v.production().declareFree(b, n);
        }

        void flush() throws IOException {
            pendingIsFlush = true;
            try {
                admin(Oracle::flushed, () -> v.flush());
            } finally {
                pendingIsFlush = false;
            }
        }

        void snapshot(String name) throws IOException {
            admin(o -> {
                o.flushed(); // a snapshot flushes production before it becomes durable
                o.snapshot(name);
            }, () -> v.createSnapshot(name));
        }

        void writable(String base, String name) throws IOException {
            admin(o -> o.writable(base, name), () -> v.createWritable(base, name));
        }

        void delete(String name) throws IOException {
            admin(o -> o.delete(name), () -> v.delete(name));
        }

        void refresh(String w, String from) throws IOException {
            admin(o -> {
                o.dirtyWritable.remove(w);
                String base = from;
                if (base == null) {
                    o.flushed();
                    base = unique(o, "snap-");
                    o.snapshot(base);
                }
                o.snapshots.put(w, new HashMap<>(o.snapshots.get(base)));
                o.writableBase.put(w, base);
            }, () -> v.refresh(w, from));
        }

        void restore(String from) throws IOException {
            admin(o -> {
                o.flushed();
                o.snapshot(unique(o, "pre-restore-"));
                o.production = new HashMap<>(o.snapshots.get(from));
            }, () -> v.restore(from));
        }

        void checkpoint() throws IOException {
            admin(Oracle::flushed, () -> v.engine().checkpoint());
        }

        void step(int n) throws IOException {
            Restore r = v.currentRestore();
            if (r != null) {
                r.step(n);
            }
        }

        private interface Change {
            void apply(Oracle o);
        }

        private interface Call {
            void run() throws IOException;
        }

        /** An operation whose effect is all or nothing across a crash. */
        private void admin(Change change, Call call) throws IOException {
            after = model.copy();
            change.apply(after);
            pending = change;
            call.run();
            model = after;
            after = null;
            pending = null;
        }

        private static String unique(Oracle o, String prefix) {
            String name = prefix + STAMP;
            for (int i = 2; o.snapshots.containsKey(name); i++) {
                name = prefix + STAMP + "-" + i;
            }
            return name;
        }
    }

    private static void mixed(Driver d) throws IOException {
        for (long b = 0; b < 8; b++) {
            d.write(b);
        }
        d.flush();
        d.snapshot("a");
        d.write(0);
        d.write(1);
        d.free(5, 2);
        d.write(3);
        d.snapshot("b");
        d.write(0);
        d.write(5);
        d.write(8);
        d.writable("a", "w");
        d.writeWritable("w", 1);
        d.writeWritable("w", 9);
        d.flush();
        d.writeWritable("w", 1);
        d.snapshot("c");
        d.checkpoint();
        d.delete("b");
        d.write(2);
        d.write(6);
        d.flush();
        d.delete("c");
    }

    private static void restoreWithWrites(Driver d) throws IOException {
        for (long b = 0; b < 10; b++) {
            d.write(b);
        }
        d.snapshot("a");
        d.writable("a", "w");
        d.writeWritable("w", 2);
        d.writeWritable("w", 12);
        for (long b = 0; b < 6; b++) {
            d.write(b);
        }
        d.snapshot("b");
        d.write(7);
        d.restore("w");
        d.step(1);
        d.snapshot("during");
        d.checkpoint();
        d.write(12);
        d.write(0);
        d.step(2);
        d.write(3);
        d.reopen();
        d.write(1);
        d.step(2);
        d.write(4); // restored by the background copy after the reopen, then written: the cursor protects it
        d.flush();
        d.step(100);
        d.refresh("w", null);
        d.writeWritable("w", 4);
        d.flush();
        d.delete("a");
        d.write(4);
        d.flush();
    }

    private static void freeHints(Driver d) throws IOException {
        for (long b = 0; b < 12; b++) {
            d.write(b);
        }
        d.free(0, 4);
        d.snapshot("a");
        d.free(4, 4); // in use when "a" was taken: must still be saved
        for (long b = 0; b < 12; b++) {
            d.write(b);
        }
        d.flush();
        d.writable("a", "w");
        d.writeWritable("w", 5);
        d.refresh("w", null);
        d.writeWritable("w", 6);
        d.free(8, 4);
        d.snapshot("b");
        d.write(9);
        d.delete("a");
        d.write(10);
        d.flush();
    }

    /**
     * Writes that land while a flush runs without the freeze (at each point of it), and while the
     * unfrozen first phase of a snapshot create, writable create and delete runs: the flush must
     * not make them durable out of order, and the snapshot must include them.
     */
    private static void writesDuringFlushes(Driver d) throws IOException {
        for (long b = 0; b < 10; b++) {
            d.write(b);
        }
        d.flush();
        d.snapshot("a");
        for (WriteOrder.FlushPoint p : WriteOrder.FlushPoint.values()) {
            d.writeRange(2 * p.ordinal(), 3);
            d.during(p, 1 + p.ordinal(), 9, 4);
            d.flush();
        }
        d.during(WriteOrder.FlushPoint.TAKEN, 5, 11);
        d.snapshot("b");
        d.write(6);
        d.during(WriteOrder.FlushPoint.COMMITTED, 6, 7);
        d.writable("b", "w");
        d.writeWritable("w", 3);
        d.during(WriteOrder.FlushPoint.DRAINED, 12, 13, 3);
        d.delete("a");
        d.write(15);
        d.during(WriteOrder.FlushPoint.SAVE_FLUSHED, 0, 14);
        d.snapshot("c");
        d.flush();
    }

    /** A random but seed-determined sequence of valid operations. */
    private static Scenario randomScenario(long seed) {
        return d -> {
            Random rnd = new Random(seed);
            int names = 0;
            for (int i = 0; i < 45; i++) {
                boolean restoring = d.v.currentRestore() != null;
                List<String> ro = d.model.snapshots.keySet().stream().filter(n -> !d.model.writableBase.containsKey(n))
                        .sorted().toList();
                List<String> rw = d.model.writableBase.keySet().stream().sorted().toList();
                int op = rnd.nextInt(100);
                if (op < 40) {
                    d.write(rnd.nextInt((int) BLOCKS));
                } else if (op < 50 && !rw.isEmpty()) {
                    String w = rw.get(rnd.nextInt(rw.size()));
                    if (!restoring) {
                        d.writeWritable(w, rnd.nextInt((int) BLOCKS));
                    }
                } else if (op < 55) {
                    d.free(rnd.nextInt((int) BLOCKS - 3), 1 + rnd.nextInt(3));
                } else if (op < 62) {
                    d.flush();
                } else if (op < 70) {
                    d.snapshot("s" + names++);
                } else if (op < 75 && !ro.isEmpty()) {
                    d.writable(ro.get(rnd.nextInt(ro.size())), "w" + names++);
                } else if (op < 79 && !rw.isEmpty() && !rw.contains(restoreSource(d))) {
                    d.refresh(rw.get(rnd.nextInt(rw.size())), rnd.nextBoolean() || ro.isEmpty() ? null
                            : ro.get(rnd.nextInt(ro.size())));
                } else if (op < 84 && !ro.isEmpty() && !restoring) {
                    String victim = rnd.nextBoolean() && !rw.isEmpty() ? rw.get(rnd.nextInt(rw.size()))
                            : ro.get(rnd.nextInt(ro.size()));
                    if (!d.model.writableBase.containsValue(victim)) {
                        d.delete(victim);
                    }
                } else if (op < 87 && !restoring && !d.model.snapshots.isEmpty()) {
                    List<String> all = d.model.snapshots.keySet().stream().sorted().toList();
                    d.restore(all.get(rnd.nextInt(all.size())));
                } else if (op < 95) {
                    d.step(1 + rnd.nextInt(3));
                } else if (op < 98) {
                    d.reopen();
                } else {
                    d.checkpoint();
                }
            }
        };
    }

    private static String restoreSource(Driver d) {
        Restore r = d.v.currentRestore();
        return r == null ? null : r.source();
    }

    @Test
    void survivesCrashAtEveryWritePositionOfRandomScenarios() throws Exception {
        long base = Long.getLong("haven.volume.crashSeed", 1);
        for (long seed = base; seed < base + Integer.getInteger("haven.volume.crashSeeds", 3); seed++) {
            try {
                crashEverywhere(randomScenario(seed));
            } catch (AssertionError e) {
                throw new AssertionError("random scenario seed " + seed + " (replay: -Dhaven.volume.crashSeed=" + seed
                        + ")", e);
            }
        }
    }

    @Test
    void survivesCrashAtEveryWritePositionWithWritesDuringUnfrozenFlushes() throws Exception {
        crashEverywhere(VolumeCrashTest::writesDuringFlushes);
    }

    @Test
    void survivesCrashAtEveryWritePositionWithFreeHintsAndRefresh() throws Exception {
        crashEverywhere(VolumeCrashTest::freeHints);
    }

    @Test
    void survivesCrashAtEveryWritePositionOfSnapshotsWritablesAndDeletes() throws Exception {
        crashEverywhere(VolumeCrashTest::mixed);
    }

    @Test
    void survivesCrashAtEveryWritePositionOfARestoreWithWritesDuringIt() throws Exception {
        crashEverywhere(VolumeCrashTest::restoreWithWrites);
    }

    private void crashEverywhere(Scenario scenario) throws Exception {
        long total = runTo(scenario, Long.MAX_VALUE, null, 0);
        assertTrue(total > 20, "scenario makes " + total + " writes");
        for (long cut = 0; cut <= total; cut++) {
            runTo(scenario, cut, CrashOutcome.LOSE_ALL, 0);
            runTo(scenario, cut, CrashOutcome.KEEP_ALL, 0);
            runTo(scenario, cut, CrashOutcome.RANDOM, cut * 31 + 1);
            runTo(scenario, cut, CrashOutcome.RANDOM, cut * 31 + 2);
        }
    }

    /** Runs the scenario with the power cut after {@code cut} operations; returns the operations it made. */
    private long runTo(Scenario scenario, long cut, CrashOutcome outcome, long seed) throws Exception {
        TestStore store = new TestStore();
        Volume v = Volume.create(store, BLOCKS * BS, BS, OPTIONS);
        long base = store.power.operations();
        store.power.cutAfter(cut == Long.MAX_VALUE ? Long.MAX_VALUE : base + cut);
        Driver d = new Driver(store, v);
        try {
            scenario.run(d);
        } catch (IOException e) {
            assertTrue(store.power.failed(), "failed without a power cut: " + e);
        }
        long ops = store.power.operations() - base;
        if (!store.power.failed()) {
            d.model.checkAll(d.v, false);
            d.v.close();
            return ops;
        }
        String where = "cut after " + cut + " of the scenario's writes, " + outcome + " seed " + seed;
        TestStore crashed = store.afterCrash(outcome, new Random(seed));
        if (outcome == CrashOutcome.RANDOM) {
            crashed = crashDuringRecovery(crashed, seed);
        }
        try (Volume back = Volume.open(crashed, OPTIONS)) {
            Oracle match = matching(back, d, where);
            adoptDirty(back, match);
            Restore r = back.currentRestore();
            if (r != null) {
                r.await();
                check(back, match, where + ", after the resumed restore finished");
            }
            writeEverything(back, match);
            check(back, match, where + ", after overwriting production");
        }
        return ops;
    }

    /**
     * Cuts the power once more, inside the recovery of {@code crashed} (its checkpoint writes),
     * at a position drawn from {@code seed}; returns what the devices hold after that.
     */
    private static TestStore crashDuringRecovery(TestStore crashed, long seed) throws IOException {
        Random rnd = new Random(seed);
        crashed.power.cutAfter(rnd.nextInt(6));
        try {
            Volume.open(crashed, OPTIONS).close();
        } catch (IOException e) {
            assertTrue(crashed.power.failed(), "recovery failed without a power cut: " + e);
        }
        return crashed.power.failed() ? crashed.afterCrash(CrashOutcome.RANDOM, rnd) : crashed.afterCrash(
                CrashOutcome.KEEP_ALL, rnd);
    }

    /** The oracle the reopened volume matches: before or after the operation that was cut. */
    private static Oracle matching(Volume v, Driver d, String where) throws IOException {
        AssertionFailedError before = tryCheck(v, d.model);
        if (before == null) {
            return d.model;
        }
        AssertionFailedError after = d.after == null ? null : tryCheck(v, d.after);
        if (d.after != null && after == null) {
            return d.after;
        }
        AssertionError e = new AssertionError(where + ": reopened volume matches neither the state before nor after "
                + "the cut operation", before);
        if (after != null) {
            e.addSuppressed(after);
        }
        throw e;
    }

    private static AssertionFailedError tryCheck(Volume v, Oracle o) throws IOException {
        try {
            o.checkAll(v, true);
            return null;
        } catch (AssertionFailedError e) {
            return e;
        }
    }

    private static void check(Volume v, Oracle o, String where) throws IOException {
        AssertionFailedError e = tryCheck(v, o);
        if (e != null) {
            throw new AssertionError(where, e);
        }
    }

    /** Blocks written but not flushed before the crash may hold anything: take what the volume has. */
    private static void adoptDirty(Volume v, Oracle o) throws IOException {
        for (long b : o.dirty) {
            o.production.put(b, read(v.production(), b));
        }
        for (var e : o.dirtyWritable.entrySet()) {
            String w = e.getKey();
            if (!o.snapshots.containsKey(w)) {
                continue;
            }
            java.util.Map<Long, byte[]> base = o.snapshots.get(o.writableBase.get(w));
            for (long b : e.getValue()) {
                byte[] actual = read(v.view(w), b);
                // A lost first write falls through to the base; where the base's block was free,
                // that is unspecified and may change with production.
                boolean lost = !java.util.Arrays.equals(actual, o.snapshots.get(w).get(b));
                boolean baseFree = base != null && base.get(b) == Oracle.UNSPECIFIED;
                o.snapshots.get(w).put(b, lost && baseFree ? Oracle.UNSPECIFIED : actual);
            }
        }
        o.flushed();
    }

    private static byte[] read(BlockDevice d, long b) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(BS);
        d.read(b, buf);
        return buf.array();
    }

    private static void writeEverything(Volume v, Oracle o) throws IOException {
        BlockDevice p = v.production();
        Random rnd = new Random(99);
        for (long b = 0; b < BLOCKS; b++) {
            byte[] d = new byte[BS];
            rnd.nextBytes(d);
            p.write(b, ByteBuffer.wrap(d));
            o.production.put(b, d);
        }
        v.flush();
        o.flushed();
        List<SnapshotInfo> all = v.snapshots();
        assertEquals(o.snapshots.size(), all.size());
    }
}
