package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.haven.testkit.MemoryBlockDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The copy-on-write B+tree against a TreeMap: random puts, deletes, commits and remounts. Replay: -Dhavenfs.seed=N. */
class BTreeTest {
    @Test
    void randomPutsAndDeletesMatchATreeMapAcrossCommitsAndRemounts() throws Exception {
        String only = System.getProperty("havenfs.seed");
        long base = only != null ? Long.parseLong(only) : 7;
        for (long seed = base; seed < base + (only != null ? 1 : 6); seed++) {
            try {
                run(seed);
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + " failed (replay: -Dhavenfs.seed=" + seed + ")", t);
            }
        }
    }

    private static void run(long seed) throws Exception {
        Random r = new Random(seed);
        MemoryBlockDevice dev = new MemoryBlockDevice("bt", 4096, 8192);
        Meta meta = Meta.format(dev, FormatOptions.DEFAULT);
        TreeMap<Key, byte[]> model = new TreeMap<>();
        meta.tree.scan(Key.of(0, ItemType.INODE, 0), it -> model.put(it.key(), it.value()) == null);
        int maxValue = meta.maxValue;
        for (int i = 0; i < 20_000; i++) {
            Key k = Key.of(100 + r.nextInt(50), ItemType.EXTENT, r.nextInt(400));
            if (r.nextInt(100) < (i < 10_000 ? 65 : 35)) {
                byte[] v = new byte[r.nextInt(10) == 0 ? r.nextInt(maxValue + 1) : r.nextInt(40)];
                r.nextBytes(v);
                meta.tree.put(k, v);
                model.put(k, v);
            } else {
                assertEquals(model.remove(k) != null, meta.tree.delete(k));
            }
            if (r.nextInt(500) == 0) {
                meta.commit(false);
            }
            if (r.nextInt(4000) == 0) {
                meta.commit(true);
                meta = Meta.mount(dev, MountOptions.DEFAULT);
            }
            if (i % 997 == 0) {
                compare(meta, model, r);
            }
        }
        meta.commit(true);
        compare(Meta.mount(dev, MountOptions.DEFAULT), model, r);
        // the items are not a file system, but the tree structure and the allocation must be sound
        List<String> structural = FsCheck.check(dev).problems().stream()
                .filter(p -> p.startsWith("block ") || p.contains("metadata block") || p.contains("bitmap")).toList();
        assertEquals(List.of(), structural);
    }

    private static void compare(Meta meta, TreeMap<Key, byte[]> model, Random r) throws Exception {
        List<Item> all = new ArrayList<>();
        meta.tree.scan(Key.of(0, ItemType.INODE, 0), it -> all.add(it));
        assertEquals(model.size(), all.size());
        int i = 0;
        for (Map.Entry<Key, byte[]> e : model.entrySet()) {
            assertEquals(e.getKey(), all.get(i).key());
            assertArrayEquals(e.getValue(), all.get(i++).value());
        }
        for (int n = 0; n < 50; n++) {
            Key probe = Key.of(100 + r.nextInt(50), ItemType.EXTENT, r.nextInt(400));
            Map.Entry<Key, byte[]> f = model.floorEntry(probe);
            Item got = meta.tree.floor(probe);
            if (f == null) {
                assertEquals(null, got);
            } else {
                assertNotNull(got);
                assertEquals(f.getKey(), got.key());
            }
            assertArrayEquals(model.get(probe), meta.tree.get(probe));
        }
    }
}
