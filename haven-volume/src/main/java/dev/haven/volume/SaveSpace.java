package dev.haven.volume;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Allocation of save-volume blocks. The free list is not stored: at open it is derived from the
 * live mappings (every block below the high-water mark that no mapping holds). A block released
 * by a delete or refresh is reused only after the metadata naming its release is durable
 * ({@link #commitReleases()}), so a crash can never leave a live snapshot pointing at a block
 * that was overwritten for someone else. Free space is kept as ranges, so its memory follows
 * fragmentation, not the number of free blocks; the lowest free block is handed out first.
 */
final class SaveSpace {
    private final ReentrantLock lock = new ReentrantLock();
    private final long capacity;
    private final String file;
    /** Free ranges below the high-water mark: start to end (exclusive). */
    private final TreeMap<Long, Long> free = new TreeMap<>();
    private final List<Long> released = new ArrayList<>();
    private long highWater;
    private long used;

    SaveSpace(long capacity, String file) {
        this.capacity = capacity;
        this.file = file;
    }

    /** Rebuilds from the set of blocks the live mappings hold. */
    void rebuild(NavigableSet<Long> held) {
        lock.lock();
        try {
            free.clear();
            released.clear();
            highWater = held.isEmpty() ? 0 : held.last() + 1;
            used = held.size();
            long next = 0;
            for (long b : held) {
                if (b > next) {
                    free.put(next, b);
                }
                next = b + 1;
            }
        } finally {
            lock.unlock();
        }
    }

    long allocate() throws IOException {
        lock.lock();
        try {
            long b;
            Map.Entry<Long, Long> first = free.pollFirstEntry();
            if (first != null) {
                b = first.getKey();
                if (b + 1 < first.getValue()) {
                    free.put(b + 1, first.getValue());
                }
            } else {
                if (highWater >= capacity) {
                    throw new IOException(file + ": save volume full (" + capacity + " blocks)");
                }
                b = highWater++;
            }
            used++;
            return b;
        } finally {
            lock.unlock();
        }
    }

    /** Gives a block back; reusable after the next {@link #commitReleases()}. */
    void release(long block) {
        lock.lock();
        try {
            released.add(block);
            used--;
        } finally {
            lock.unlock();
        }
    }

    /** Called once the releases are durable. */
    void commitReleases() {
        commitReleases(takeReleased());
    }

    /**
     * The blocks released so far, forgotten here: a flush takes them <em>before</em> it takes the
     * log records to commit (every release follows its record), then hands them to
     * {@link #commitReleases(List)} once that commit is durable. Blocks released meanwhile wait
     * for the next flush.
     */
    List<Long> takeReleased() {
        lock.lock();
        try {
            List<Long> out = new ArrayList<>(released);
            released.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code blocks} (from {@link #takeReleased()}) reusable: their releases are durable. */
    void commitReleases(List<Long> blocks) {
        lock.lock();
        try {
            for (long b : blocks) {
                addFree(b);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Adds one block to the free ranges, merging with its neighbours. */
    private void addFree(long b) {
        long start = b;
        long end = b + 1;
        Map.Entry<Long, Long> before = free.floorEntry(b);
        if (before != null && before.getValue() == b) {
            start = before.getKey();
        }
        Long afterEnd = free.remove(b + 1);
        if (afterEnd != null) {
            end = afterEnd;
        }
        free.put(start, end);
    }

    long used() {
        return used;
    }

    long capacity() {
        return capacity;
    }
}
