package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BlockIndexTest {

    @Test
    void ceilingFindsTheFirstCopyAtOrAfterTheSeq() {
        BlockIndex i = new BlockIndex();
        i.put(7, 3, 30);
        i.put(7, 9, 90);
        assertEquals(30, i.ceiling(7, 1));
        assertEquals(30, i.ceiling(7, 3));
        assertEquals(90, i.ceiling(7, 4));
        assertEquals(BlockIndex.NONE, i.ceiling(7, 10));
        assertEquals(BlockIndex.NONE, i.ceiling(8, 1));
        assertEquals(9, i.newest(7));
        assertEquals(-1, i.newest(8));
    }

    @Test
    void removingTheLastCopyForgetsTheBlock() {
        BlockIndex i = new BlockIndex();
        i.put(5, 2, VolumeState.ZERO);
        assertEquals(VolumeState.ZERO, i.ceiling(5, 1));
        i.remove(5, 2);
        assertEquals(BlockIndex.NONE, i.ceiling(5, 1));
        assertEquals(-1, i.nextWithCopyAtOrAfter(0, 0));
    }

    /** Seeded random puts and removes against sorted maps (replay: -Dhaven.volume.indexSeed=SEED). */
    @Test
    void agreesWithASortedMapOfBlockAndSeq() {
        agreesWithOracle(64);
    }

    /** As above over enough blocks that the table grows several times with removed blocks in it. */
    @Test
    void agreesWithASortedMapWhileTheTableGrows() {
        agreesWithOracle(6_000);
    }

    private static void agreesWithOracle(int blocks) {
        long seed = Long.getLong("haven.volume.indexSeed", new Random().nextLong());
        Random r = new Random(seed);
        BlockIndex i = new BlockIndex();
        TreeMap<Long, TreeMap<Long, Long>> oracle = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            long b = r.nextInt(blocks);
            long seq = r.nextInt(32);
            if (r.nextInt(3) == 0) {
                i.remove(b, seq);
                TreeMap<Long, Long> m = oracle.get(b);
                if (m != null && m.remove(seq) != null && m.isEmpty()) {
                    oracle.remove(b);
                }
            } else {
                long save = r.nextInt(1000) - 1;
                i.put(b, seq, save);
                oracle.computeIfAbsent(b, x -> new TreeMap<>()).put(seq, save);
            }
            long qb = r.nextInt(blocks);
            long qs = r.nextInt(34);
            TreeMap<Long, Long> m = oracle.get(qb);
            Map.Entry<Long, Long> e = m == null ? null : m.ceilingEntry(qs);
            assertEquals(e == null ? BlockIndex.NONE : e.getValue(), i.ceiling(qb, qs), "seed " + seed + " step " + step);
            long next = -1;
            for (Map.Entry<Long, TreeMap<Long, Long>> x : oracle.tailMap(qb, true).entrySet()) {
                if (x.getValue().lastKey() >= qs) {
                    next = x.getKey();
                    break;
                }
            }
            assertEquals(next, i.nextWithCopyAtOrAfter(qb, qs), "seed " + seed + " step " + step);
        }
    }
}
