package dev.haven.fs;

import java.util.ArrayList;

/**
 * One B+tree node held in memory. A node is either clean (it is the content of {@link #block} on
 * disk and is never changed) or dirty (created in the running transaction, owned by the writer and
 * given a block at commit). Copy-on-write: a change to a clean node first copies it.
 */
abstract sealed class Node permits Leaf, Branch {
    final ArrayList<Key> keys;
    boolean dirty;
    long block = -1;

    Node(ArrayList<Key> keys, boolean dirty) {
        this.keys = keys;
        this.dirty = dirty;
    }

    /** 0 for leaves. */
    abstract int level();

    /** Encoded size in bytes, header included. */
    abstract int bytes();

    /** A dirty copy of this node. */
    abstract Node copy();

    int size() {
        return keys.size();
    }

    /** Index of the last key {@code <= k}, or -1 when every key is greater. */
    int floorIndex(Key k) {
        int lo = 0;
        int hi = keys.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (keys.get(mid).compareTo(k) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }
}
