package dev.haven.volume;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The snapshot lookup {@code (block, seq) -> save block} (docs/format/volume.md, "Snapshot
 * semantics"): for each block, its saved copies as one immutable array of {@code (seq, save)}
 * pairs sorted by seq, replaced whole on change (copy-on-write, so readers take no lock). A
 * snapshot read is one hash probe plus a search of a few pairs, whatever the number of
 * snapshots; a sorted skip list of (block, seq) keys cost a pointer chase per level, and a
 * {@code ConcurrentHashMap<Long, long[]>} still four dependent loads per probe (node, boxed key,
 * value): JFR put most of SnapshotReadBench's Java time there. The blocks that have copies are
 * also kept in order, for the restore's "next block that may differ" scan.
 *
 * <p>The table is open addressing over primitive keys with linear probing. Writers take
 * {@link #lock}; readers take none: a slot's pairs are published with release semantics after
 * its key, and a grown table is published whole (volatile) before any write lands in it, so a
 * reader that starts after a write sees it. A removed block leaves its key with null pairs (a
 * tombstone the next growth drops), so probes never need to move entries under a reader.
 */
final class BlockIndex {
    /** What {@link #ceiling} returns when no copy is at or after the seq. */
    static final long NONE = Long.MIN_VALUE;
    private static final long[] EMPTY = new long[0];
    private static final VarHandle KEYS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle PAIRS = MethodHandles.arrayElementVarHandle(long[][].class);
    /** Key of a slot never used (blocks are never negative). */
    private static final long FREE = -1;

    /** One generation of the table; replaced whole when it grows. */
    private static final class Table {
        final long[] keys;
        final long[][] pairs;
        final int mask;
        int used; // slots with a key, tombstones included (writers only)

        Table(int capacity) {
            keys = new long[capacity];
            Arrays.fill(keys, FREE);
            pairs = new long[capacity][];
            mask = capacity - 1;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    private volatile Table table = new Table(64);
    /** Bumped after every put (volatile): a reader that sees it unchanged knows no mapping appeared meanwhile. */
    private volatile long puts;
    private final ConcurrentSkipListSet<Long> blocks = new ConcurrentSkipListSet<>();

    /** Records that snapshot {@code seq} keeps block {@code block} at {@code save} (replacing an earlier entry). */
    void put(long block, long seq, long save) {
        lock.lock();
        try {
            long[] old = get(block);
            long[] p = with(old == null ? EMPTY : old, seq, save);
            set(block, p);
            if (old == null) {
                blocks.add(block); // new to the index (a skip-list insert is a pointer chase: skip it otherwise)
            }
            puts = puts + 1; // under the lock: no lost updates
        } finally {
            lock.unlock();
        }
    }

    /** Forgets the entry of snapshot {@code seq} for {@code block}, if any. */
    void remove(long block, long seq) {
        lock.lock();
        try {
            long[] old = get(block);
            if (old == null) {
                return;
            }
            long[] left = without(old, seq);
            set(block, left);
            if (left == null) {
                blocks.remove(block);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The save block of the first copy of {@code block} by a snapshot at or after {@code seq}, or {@link #NONE}. */
    long ceiling(long block, long seq) {
        long[] p = get(block);
        if (p == null) {
            return NONE;
        }
        int i = find(p, seq);
        int at = i >= 0 ? i : -i - 1;
        return at < p.length / 2 ? p[2 * at + 1] : NONE;
    }

    /**
     * A count of the puts so far. Read before a lookup and again later: if unchanged, no mapping
     * was added in between, so a lookup then would find what the first one found.
     */
    long puts() {
        return puts;
    }

    /** Newest seq that saved {@code block}, or -1. */
    long newest(long block) {
        long[] p = get(block);
        return p == null ? -1 : p[p.length - 2];
    }

    /** The first block at or after {@code from} with a copy by a snapshot at or after {@code seq}, or -1. */
    long nextWithCopyAtOrAfter(long from, long seq) {
        for (Long b : blocks.tailSet(from)) {
            long[] p = get(b);
            if (p != null && p[p.length - 2] >= seq) {
                return b;
            }
        }
        return -1;
    }

    /** The pairs of {@code block}, or null; lock-free. */
    private long[] get(long block) {
        Table t = table;
        for (int i = slot(block, t.mask); ; i = (i + 1) & t.mask) {
            long k = (long) KEYS.getAcquire(t.keys, i);
            if (k == block) {
                return (long[]) PAIRS.getAcquire(t.pairs, i);
            }
            if (k == FREE) {
                return null;
            }
        }
    }

    /** Sets the pairs of {@code block} (null: none); caller holds {@link #lock}. */
    private void set(long block, long[] p) {
        Table t = table;
        int i = slot(block, t.mask);
        while (t.keys[i] != block && t.keys[i] != FREE) {
            i = (i + 1) & t.mask;
        }
        if (t.keys[i] == block) {
            PAIRS.setRelease(t.pairs, i, p);
            return;
        }
        if (p == null) {
            return;
        }
        if (2 * (t.used + 1) > t.keys.length) {
            grow(t);
            set(block, p);
            return;
        }
        PAIRS.setRelease(t.pairs, i, p);
        KEYS.setRelease(t.keys, i, block); // after the pairs: a reader that sees the key sees them
        t.used++;
    }

    /** Copies the live entries into a table of twice the live count (at least), then publishes it. */
    private void grow(Table t) {
        int live = 0;
        for (long[] p : t.pairs) {
            live += p != null ? 1 : 0;
        }
        int capacity = Math.max(64, Integer.highestOneBit(Math.max(1, 4 * (live + 1)) - 1) << 1);
        Table n = new Table(capacity);
        for (int i = 0; i < t.keys.length; i++) {
            long[] p = t.pairs[i];
            if (p != null) {
                int j = slot(t.keys[i], n.mask);
                while (n.keys[j] != FREE) {
                    j = (j + 1) & n.mask;
                }
                n.keys[j] = t.keys[i];
                n.pairs[j] = p;
                n.used++;
            }
        }
        table = n; // volatile: everything above is visible to a reader that reads this table
    }

    private static int slot(long block, int mask) {
        long x = block * 0x9E3779B97F4A7C15L; // Fibonacci hashing: adjacent blocks land far apart
        return (int) (x ^ (x >>> 32)) & mask;
    }

    /** Binary search of the pair whose seq is {@code seq}; as {@link Arrays#binarySearch} over pairs. */
    private static int find(long[] p, long seq) {
        int lo = 0;
        int hi = p.length / 2 - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            long s = p[2 * mid];
            if (s < seq) {
                lo = mid + 1;
            } else if (s > seq) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    private static long[] with(long[] old, long seq, long save) {
        int i = find(old, seq);
        if (i >= 0) {
            long[] p = old.clone();
            p[2 * i + 1] = save;
            return p;
        }
        int at = -i - 1;
        long[] p = new long[old.length + 2];
        System.arraycopy(old, 0, p, 0, 2 * at);
        p[2 * at] = seq;
        p[2 * at + 1] = save;
        System.arraycopy(old, 2 * at, p, 2 * at + 2, old.length - 2 * at);
        return p;
    }

    private static long[] without(long[] old, long seq) {
        int i = find(old, seq);
        if (i < 0) {
            return old;
        }
        if (old.length == 2) {
            return null;
        }
        long[] p = new long[old.length - 2];
        System.arraycopy(old, 0, p, 0, 2 * i);
        System.arraycopy(old, 2 * i + 2, p, 2 * i, old.length - 2 * i - 2);
        return p;
    }
}
