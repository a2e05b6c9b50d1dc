package dev.haven.volume;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Production blocks declared free, as ranges, each with the epoch (newest snapshot id) at the time
 * it was freed. A block freed before snapshot {@code s} was taken (epoch &lt; s) need not be
 * saved for {@code s}; a block freed after it still must be. Declaring a range again overwrites
 * the epoch with the newer one, which is conservative (it can only cause more copying).
 */
final class FreeMap {
    /** A range {@code [start, end)} freed at {@code epoch}. */
    record Range(long start, long end, long epoch) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final TreeMap<Long, Range> ranges = new TreeMap<>();
    private volatile boolean empty = true;

    void declare(long start, long count, long epoch) {
        if (count <= 0) {
            return;
        }
        lock.lock();
        try {
            cut(start, start + count);
            ranges.put(start, new Range(start, start + count, epoch));
            empty = false;
        } finally {
            lock.unlock();
        }
    }

    boolean isEmpty() {
        return empty;
    }

    void clear() {
        lock.lock();
        try {
            ranges.clear();
            empty = true;
        } finally {
            lock.unlock();
        }
    }

    /** The epoch at which {@code block} was freed, or -1 when it is in use. */
    long epochOf(long block) {
        if (empty) {
            return -1;
        }
        lock.lock();
        try {
            Map.Entry<Long, Range> e = ranges.floorEntry(block);
            return e != null && e.getValue().end() > block ? e.getValue().epoch() : -1;
        } finally {
            lock.unlock();
        }
    }

    /** Marks {@code block} in use again; returns true if it was free. */
    boolean use(long block) {
        if (empty) {
            return false;
        }
        lock.lock();
        try {
            Map.Entry<Long, Range> e = ranges.floorEntry(block);
            if (e == null || e.getValue().end() <= block) {
                return false;
            }
            cut(block, block + 1);
            empty = ranges.isEmpty();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Free blocks in total. */
    long freeBlocks() {
        lock.lock();
        try {
            return ranges.values().stream().mapToLong(r -> r.end() - r.start()).sum();
        } finally {
            lock.unlock();
        }
    }

    List<Range> ranges() {
        lock.lock();
        try {
            return new ArrayList<>(ranges.values());
        } finally {
            lock.unlock();
        }
    }

    /** Removes {@code [from, to)} from every range, splitting ranges that straddle it. */
    private void cut(long from, long to) {
        Map.Entry<Long, Range> before = ranges.lowerEntry(from);
        if (before != null && before.getValue().end() > from) {
            Range r = before.getValue();
            ranges.put(r.start(), new Range(r.start(), from, r.epoch()));
            if (r.end() > to) {
                ranges.put(to, new Range(to, r.end(), r.epoch()));
            }
        }
        for (Map.Entry<Long, Range> e = ranges.ceilingEntry(from); e != null && e.getKey() < to;
                e = ranges.ceilingEntry(from)) {
            Range r = ranges.remove(e.getKey());
            if (r.end() > to) {
                ranges.put(to, new Range(to, r.end(), r.epoch()));
            }
        }
    }
}
