package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The simple model a volume is checked against: one map of block contents per image
 * (production, each snapshot). {@link #UNSPECIFIED} marks a block whose content does not matter
 * (declared free); an absent block reads as zeros.
 */
final class Oracle {
    static final byte[] UNSPECIFIED = new byte[0];

    final int blockSize;
    final long blocks;
    Map<Long, byte[]> production = new HashMap<>();
    final Map<String, Map<Long, byte[]>> snapshots = new HashMap<>();
    final Map<String, String> writableBase = new HashMap<>();
    /** Production blocks written since the last completed flush (a crash may leave anything there). */
    final Set<Long> dirty = new HashSet<>();
    /** Writable-snapshot blocks written since the last flush, by snapshot. */
    final Map<String, Set<Long>> dirtyWritable = new HashMap<>();

    Oracle(int blockSize, long blocks) {
        this.blockSize = blockSize;
        this.blocks = blocks;
    }

    /** An independent copy (block arrays are shared: they are never changed in place). */
    Oracle copy() {
        Oracle o = new Oracle(blockSize, blocks);
        o.production = new HashMap<>(production);
        snapshots.forEach((k, v) -> o.snapshots.put(k, new HashMap<>(v)));
        o.writableBase.putAll(writableBase);
        o.dirty.addAll(dirty);
        dirtyWritable.forEach((k, v) -> o.dirtyWritable.put(k, new HashSet<>(v)));
        return o;
    }

    void write(String snapshotOrNull, long block, byte[] data) {
        if (snapshotOrNull == null) {
            production.put(block, data);
            dirty.add(block);
        } else {
            snapshots.get(snapshotOrNull).put(block, data);
            dirtyWritable.computeIfAbsent(snapshotOrNull, k -> new HashSet<>()).add(block);
        }
    }

    void free(long block, long count) {
        for (long b = block; b < block + count; b++) {
            production.put(b, UNSPECIFIED);
        }
    }

    void flushed() {
        dirty.clear();
        dirtyWritable.clear();
    }

    void snapshot(String name) {
        snapshots.put(name, new HashMap<>(production));
    }

    void writable(String base, String name) {
        snapshots.put(name, new HashMap<>(snapshots.get(base)));
        writableBase.put(name, base);
    }

    void delete(String name) {
        snapshots.remove(name);
        writableBase.remove(name);
        dirtyWritable.remove(name);
    }

    /** Checks every block of {@code device} against {@code image}, skipping unspecified and {@code skip} blocks. */
    static void check(String what, BlockDevice device, Map<Long, byte[]> image, Set<Long> skip) throws IOException {
        int bs = device.blockSize();
        ByteBuffer all = ByteBuffer.allocate((int) (bs * device.blockCount()));
        device.read(0, all);
        byte[] zeros = new byte[bs];
        for (long b = 0; b < device.blockCount(); b++) {
            byte[] want = image.getOrDefault(b, zeros);
            if (want == UNSPECIFIED || skip.contains(b)) {
                continue;
            }
            byte[] got = new byte[bs];
            all.get((int) (b * bs), got);
            assertArrayEquals(want, got, what + " block " + b);
        }
    }

    /** Checks production and every snapshot of {@code v}, and that save blocks are neither leaked nor shared. */
    void checkAll(Volume v, boolean skipDirty) throws IOException {
        try (BlockDevice p = v.production()) {
            check("production", p, production, skipDirty ? dirty : Set.of());
        }
        assertEquals(snapshots.keySet(), names(v), "snapshot names");
        for (Map.Entry<String, Map<Long, byte[]>> e : snapshots.entrySet()) {
            try (BlockDevice d = v.view(e.getKey())) {
                Set<Long> skip = skipDirty ? dirtyWritable.getOrDefault(e.getKey(), Set.of()) : Set.<Long>of();
                check("snapshot " + e.getKey(), d, e.getValue(), skip);
            }
        }
        checkNoLeak(v);
    }

    static void checkNoLeak(Volume v) {
        assertEquals(v.heldSaveBlocks(), v.allocatedSaveBlocks(), "save blocks held by mappings vs allocated");
    }

    static Set<String> names(Volume v) {
        Set<String> s = new HashSet<>();
        v.snapshots().forEach(i -> s.add(i.name()));
        return s;
    }
}
