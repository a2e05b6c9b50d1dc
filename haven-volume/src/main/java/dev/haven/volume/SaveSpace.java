package dev.haven.volume;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Allocation of save-volume blocks. The free list is not stored: at open it is derived from the
 * live mappings (every block below the high-water mark that no mapping holds). A block released
 * by a delete or refresh is reused only after the metadata naming its release is durable
 * ({@link #commitReleases()}), so a crash can never leave a live snapshot pointing at a block
 * that was overwritten for someone else.
 */
final class SaveSpace {
    private final ReentrantLock lock = new ReentrantLock();
    private final long capacity;
    private final String file;
    private final ArrayDeque<Long> free = new ArrayDeque<>();
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
                for (; next < b; next++) {
                    free.add(next);
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
            Long b = free.pollFirst();
            if (b == null) {
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
        lock.lock();
        try {
            free.addAll(released);
            released.clear();
        } finally {
            lock.unlock();
        }
    }

    long used() {
        return used;
    }

    long capacity() {
        return capacity;
    }
}
