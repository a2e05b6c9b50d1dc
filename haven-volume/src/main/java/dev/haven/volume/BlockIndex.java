package dev.haven.volume;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The snapshot lookup {@code (block, seq) -> save block} (docs/format/volume.md, "Snapshot
 * semantics"): for each block, its saved copies as one immutable array of {@code (seq, save)}
 * pairs sorted by seq, replaced whole on change (copy-on-write, so readers take no lock). A
 * snapshot read is one hash lookup plus a search of a few pairs, whatever the number of
 * snapshots; a sorted skip list of (block, seq) keys cost a pointer chase per level (JMH:
 * SnapshotReadBench). The blocks that have copies are also kept in order, for the restore's
 * "next block that may differ" scan.
 */
final class BlockIndex {
    /** What {@link #ceiling} returns when no copy is at or after the seq. */
    static final long NONE = Long.MIN_VALUE;
    private static final long[] EMPTY = new long[0];

    private final ConcurrentHashMap<Long, long[]> copies = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<Long> blocks = new ConcurrentSkipListSet<>();

    /** Records that snapshot {@code seq} keeps block {@code block} at {@code save} (replacing an earlier entry). */
    void put(long block, long seq, long save) {
        long[] p = copies.compute(block, (b, old) -> with(old == null ? EMPTY : old, seq, save));
        if (p.length == 2) {
            blocks.add(block); // new to the index (a skip-list insert is a pointer chase: skip it otherwise)
        }
    }

    /** Forgets the entry of snapshot {@code seq} for {@code block}, if any. */
    void remove(long block, long seq) {
        long[] left = copies.computeIfPresent(block, (b, old) -> without(old, seq));
        if (left == null) {
            blocks.remove(block);
        }
    }

    /** The save block of the first copy of {@code block} by a snapshot at or after {@code seq}, or {@link #NONE}. */
    long ceiling(long block, long seq) {
        long[] p = copies.get(block);
        if (p == null) {
            return NONE;
        }
        int i = find(p, seq);
        int at = i >= 0 ? i : -i - 1;
        return at < p.length / 2 ? p[2 * at + 1] : NONE;
    }

    /** Newest seq that saved {@code block}, or -1. */
    long newest(long block) {
        long[] p = copies.get(block);
        return p == null ? -1 : p[p.length - 2];
    }

    /** The first block at or after {@code from} with a copy by a snapshot at or after {@code seq}, or -1. */
    long nextWithCopyAtOrAfter(long from, long seq) {
        for (Long b : blocks.tailSet(from)) {
            long[] p = copies.get(b);
            if (p != null && p[p.length - 2] >= seq) {
                return b;
            }
        }
        return -1;
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
