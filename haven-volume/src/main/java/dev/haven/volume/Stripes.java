package dev.haven.volume;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Per-block locks, striped over {@link #STRIPES} locks by a hash of the block. Writers of a block
 * hold its lock; a range writer holds all of its blocks' locks, taken in stripe order (so two
 * range writers cannot deadlock; everyone else holds one at a time).
 */
final class Stripes {
    private static final int STRIPES = 1024;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    Stripes() {
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** The stripe locks of blocks {@code [b, b + n)}, each once, in stripe order (the order range writers lock in). */
    ReentrantLock[] ofRange(long b, int n) {
        if (n == 1) {
            return new ReentrantLock[] {of(b)}; // a 4 KiB write: no sorting
        }
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = stripeIndex(b + i);
        }
        Arrays.sort(idx);
        ReentrantLock[] out = new ReentrantLock[n];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || idx[i] != idx[i - 1]) {
                out[k++] = locks[idx[i]];
            }
        }
        return Arrays.copyOf(out, k);
    }

    /** The lock of block {@code b}. */
    ReentrantLock of(long b) {
        return locks[stripeIndex(b)];
    }

    private static int stripeIndex(long b) {
        return Long.hashCode(b * 0x9E3779B97F4A7C15L) & (STRIPES - 1);
    }
}
