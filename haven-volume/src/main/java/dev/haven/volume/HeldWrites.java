package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Production data held in memory until the metadata it depends on is durable
 * (docs/format/volume.md, "Write ordering"). Two stages: {@link Stage#AFTER_META} for new data of
 * a block whose old content was just copied (written once the mapping is durable), and
 * {@link Stage#AFTER_MARK} for user data written during a restore (written once the restore mark
 * is durable). Reads see held data first.
 */
final class HeldWrites {
    /** When held data may go to disk. */
    enum Stage { AFTER_META, AFTER_MARK }

    private final Map<Long, byte[]> afterMeta = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> afterMark = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final int blockSize;
    private static final int RUN_BYTES = 1 << 20;
    private ByteBuffer drainBuffer;

    HeldWrites(int blockSize) {
        this.blockSize = blockSize;
    }

    private Map<Long, byte[]> map(Stage s) {
        return s == Stage.AFTER_META ? afterMeta : afterMark;
    }

    boolean isEmpty() {
        return afterMeta.isEmpty() && afterMark.isEmpty();
    }

    boolean isEmpty(Stage s) {
        return map(s).isEmpty();
    }

    boolean holds(Stage s, long block) {
        return map(s).containsKey(block);
    }

    void hold(Stage s, long block, byte[] data) {
        if (map(s).put(block, data) == null) {
            bytes.addAndGet(blockSize);
        }
    }

    /** The newest held data of {@code block}, or null. */
    byte[] get(long block) {
        byte[] h = afterMark.get(block);
        return h != null ? h : afterMeta.get(block);
    }

    /**
     * Writes the stage's blocks in place (the caller flushes) and forgets them: in block order,
     * adjacent blocks joined into one write of up to {@link #RUN_BYTES} (a 1 MiB sequential write
     * held as 256 blocks goes back to disk as one write, not 256 in hash order).
     */
    void drain(Stage s, BlockDevice data) throws IOException {
        Map<Long, byte[]> m = map(s);
        long[] keys = m.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int runBlocks = Math.max(1, RUN_BYTES / blockSize);
        if (drainBuffer == null) {
            drainBuffer = ByteBuffer.allocateDirect(runBlocks * blockSize); // reused: flushes are serial
        }
        ByteBuffer run = drainBuffer;
        for (int i = 0; i < keys.length; ) {
            int j = i;
            run.clear();
            while (j < keys.length && j - i < runBlocks && keys[j] == keys[i] + (j - i)) {
                run.put(m.get(keys[j]));
                j++;
            }
            data.write(keys[i], run.flip());
            i = j;
        }
        bytes.addAndGet(-(long) keys.length * blockSize);
        m.clear();
    }

    long bytes() {
        return bytes.get();
    }
}
