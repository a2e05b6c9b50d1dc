package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

/**
 * Writers on different blocks run while snapshots are taken and read: every snapshot holds, for
 * each block, a version written no earlier than the last write completed before the snapshot
 * began and no later than the last write started before it returned, and it never changes.
 */
class VolumeConcurrencyTest {
    private static final int BS = 4096;
    private static final int BLOCKS = 64;
    private static final int WRITERS = 4;

    @Test
    void snapshotsTakenDuringConcurrentWritesArePointInTimeAndStable() throws Exception {
        VolumeOptions o = VolumeOptions.defaults().withoutBackgroundRestore().withSaveBlocks(1 << 16)
                .withMaxHeldBytes(32L * BS);
        try (Volume v = Volume.create(new TestStore(), (long) BLOCKS * BS, BS, o)) {
            AtomicLongArray started = new AtomicLongArray(BLOCKS);
            AtomicLongArray completed = new AtomicLongArray(BLOCKS);
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
            List<Future<?>> writers = new ArrayList<>();
            for (int t = 0; t < WRITERS; t++) {
                int first = t * (BLOCKS / WRITERS);
                writers.add(pool.submit(() -> {
                    BlockDevice p = v.production();
                    for (long version = 1; !stop.get(); version++) {
                        for (int b = first; b < first + BLOCKS / WRITERS; b++) {
                            started.set(b, version);
                            p.write(b, ByteBuffer.wrap(content(version)));
                            completed.set(b, version);
                        }
                    }
                    return null;
                }));
            }
            int snapshots = 25;
            long[][] lo = new long[snapshots][BLOCKS];
            long[][] hi = new long[snapshots][BLOCKS];
            try {
                for (int s = 0; s < snapshots; s++) {
                    for (int b = 0; b < BLOCKS; b++) {
                        lo[s][b] = completed.get(b);
                    }
                    v.createSnapshot("s" + s);
                    for (int b = 0; b < BLOCKS; b++) {
                        hi[s][b] = started.get(b);
                    }
                    if (s > 0) {
                        checkSnapshot(v, s - 1, lo, hi);
                    }
                }
            } finally {
                stop.set(true);
                pool.shutdown();
            }
            for (Future<?> f : writers) {
                f.get();
            }
            for (int s = 0; s < snapshots; s++) {
                checkSnapshot(v, s, lo, hi);
            }
            Oracle.checkNoLeak(v);
        }
    }

    private static byte[] content(long version) {
        return ByteBuffer.allocate(BS).putLong(0, version).putLong(BS - 8, version).array();
    }

    private static void checkSnapshot(Volume v, int s, long[][] lo, long[][] hi) throws Exception {
        BlockDevice d = v.view("s" + s);
        for (int b = 0; b < BLOCKS; b++) {
            ByteBuffer buf = ByteBuffer.allocate(BS);
            d.read(b, buf);
            long version = buf.getLong(0);
            assertTrue(version >= lo[s][b] && version <= hi[s][b], "snapshot s" + s + " block " + b + " holds version "
                    + version + ", expected within [" + lo[s][b] + ", " + hi[s][b] + "]");
            assertArrayEquals(content(version), buf.array(), "snapshot s" + s + " block " + b + " is torn");
        }
    }
}
