package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Production data held in memory until the metadata it depends on is durable
 * (docs/format/volume.md, "Write ordering"). Two stages: {@link Stage#AFTER_META} for new data of
 * a block whose old content was just copied (written once the mapping is durable), and
 * {@link Stage#AFTER_MARK} for user data written during a restore (written once the restore mark
 * is durable). Reads see held data first.
 *
 * <p>Block arrays are pooled: a first write after a snapshot holds every block it writes, and a
 * fresh array per block (32 MiB per VolumeWriteBench shot) cost more in allocation, zeroing and
 * young-collection copying than the copy on write itself. An array that stops being held (drained
 * or replaced) is <em>retired</em>; it becomes reusable only at the end of the flush after the one
 * running when it retired ({@link #retiredSoFar}, {@link #reuse}), because a flush drains from its
 * captured arrays and must not see them refilled. Readers copy held data and then check that the
 * block still holds the same array ({@link #copyTo}), so a recycled array is never returned.
 */
final class HeldWrites {
    /** When held data may go to disk. */
    enum Stage { AFTER_META, AFTER_MARK }

    private static final int RUN_BYTES = 1 << 20;
    private final Map<Long, byte[]> afterMeta = new ConcurrentHashMap<>();
    private final Map<Long, byte[]> afterMark = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final int blockSize;
    private final int maxPooled;
    private final ReentrantLock poolLock = new ReentrantLock();
    private final ArrayDeque<byte[]> pool = new ArrayDeque<>();
    private List<byte[]> retired = new ArrayList<>();
    private ByteBuffer drainBuffer;

    HeldWrites(int blockSize, long maxHeldBytes) {
        this.blockSize = blockSize;
        this.maxPooled = (int) Math.min(Integer.MAX_VALUE, Math.max(256, maxHeldBytes / blockSize));
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

    /** Fills {@code out} with block arrays to hold (pooled when there are some), under one lock. */
    void arrays(byte[][] out) {
        poolLock.lock();
        try {
            for (int i = 0; i < out.length; i++) {
                byte[] a = pool.pollFirst();
                out[i] = a != null ? a : new byte[blockSize];
            }
        } finally {
            poolLock.unlock();
        }
    }

    /** Holds {@code data} for {@code block}; the array belongs to this class from now on. */
    void hold(Stage s, long block, byte[] data) {
        byte[] old = map(s).put(block, data);
        if (old == null) {
            bytes.addAndGet(blockSize);
        } else {
            retire(List.of(old));
        }
    }

    /**
     * Copies the newest held data of {@code block} into {@code dst} at {@code off}; false (and
     * nothing copied) if none is held. Checks after the copy that the block still holds the
     * array it copied, else copies again: a retired array may be recycled (class comment).
     */
    boolean copyTo(long block, byte[] dst, int off) {
        while (true) {
            byte[] h = newest(block);
            if (h == null) {
                return false;
            }
            System.arraycopy(h, 0, dst, off, blockSize);
            if (newest(block) == h) {
                return true;
            }
        }
    }

    /** As {@link #copyTo(long, byte[], int)}, into {@code dst} at its position (advanced on success). */
    boolean copyTo(long block, ByteBuffer dst) {
        int at = dst.position();
        while (true) {
            byte[] h = newest(block);
            if (h == null) {
                return false;
            }
            dst.put(at, h);
            if (newest(block) == h) {
                dst.position(at + blockSize);
                return true;
            }
        }
    }

    private byte[] newest(long block) {
        byte[] h = afterMark.get(block);
        return h != null ? h : afterMeta.get(block);
    }

    private void retire(List<byte[]> arrays) {
        poolLock.lock();
        try {
            retired.addAll(arrays);
        } finally {
            poolLock.unlock();
        }
    }

    /** The arrays retired so far; a flush takes them when it starts and passes them to {@link #reuse} when it ends. */
    List<byte[]> retiredSoFar() {
        poolLock.lock();
        try {
            List<byte[]> out = retired;
            retired = new ArrayList<>();
            return out;
        } finally {
            poolLock.unlock();
        }
    }

    /** Returns {@code arrays} (from {@link #retiredSoFar}) to the pool, up to its bound. */
    void reuse(List<byte[]> arrays) {
        poolLock.lock();
        try {
            for (int i = 0; i < arrays.size() && pool.size() < maxPooled; i++) {
                pool.addFirst(arrays.get(i));
            }
        } finally {
            poolLock.unlock();
        }
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
        List<byte[]> drained = new ArrayList<>(captured.size());
        for (Map.Entry<Long, byte[]> e : captured.entrySet()) {
            if (m.remove(e.getKey(), e.getValue())) { // identity: newer data stays held
                drained.add(e.getValue());
            }
        }
        bytes.addAndGet(-(long) drained.size() * blockSize);
        retire(drained);
    }

    long bytes() {
        return bytes.get();
    }
}
