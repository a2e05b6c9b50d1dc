package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.HashMap;
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
     * What the stage holds now, as a copy (block to data). A flush takes it <em>before</em> it
     * takes the log records to commit: a block is held after its mapping was appended, so every
     * captured block's mapping is in that commit or an earlier one, even while writers go on
     * (the copy is weakly consistent: a block held meanwhile may or may not be in it, both safe).
     */
    Map<Long, byte[]> capture(Stage s) {
        return new HashMap<>(map(s));
    }

    /**
     * Writes the captured blocks in place (the caller flushes) and forgets each one unless a
     * writer held newer data for it meanwhile (that data waits for the next flush: its mapping
     * may not be durable yet). In block order, adjacent blocks joined into one write of up to
     * {@link #RUN_BYTES} (a 1 MiB sequential write held as 256 blocks goes back to disk as one
     * write, not 256 in hash order). Flushes are serial, so the run buffer is reused.
     */
    void drain(Stage s, Map<Long, byte[]> captured, BlockDevice data) throws IOException {
        long[] keys = captured.keySet().stream().mapToLong(Long::longValue).sorted().toArray();
        int runBlocks = Math.max(1, RUN_BYTES / blockSize);
        if (drainBuffer == null) {
            drainBuffer = ByteBuffer.allocateDirect(runBlocks * blockSize);
        }
        ByteBuffer run = drainBuffer;
        for (int i = 0; i < keys.length; ) {
            int j = i;
            run.clear();
            while (j < keys.length && j - i < runBlocks && keys[j] == keys[i] + (j - i)) {
                run.put(captured.get(keys[j]));
                j++;
            }
            data.write(keys[i], run.flip());
            i = j;
        }
        Map<Long, byte[]> m = map(s);
        for (Map.Entry<Long, byte[]> e : captured.entrySet()) {
            if (m.remove(e.getKey(), e.getValue())) { // identity: newer data stays held
                bytes.addAndGet(-blockSize);
            }
        }
    }

    long bytes() {
        return bytes.get();
    }
}
