package dev.haven.fs;

import java.util.ArrayList;
import java.util.List;

/**
 * The copy-on-write B+tree that holds all metadata. Readers may run concurrently with each other;
 * the caller excludes writers (the metadata write lock). Changing a clean node copies it and
 * frees its block (reusable after the next durable commit); {@link #dirtyNodes} lists the new
 * nodes children first, for the commit to place and write.
 */
final class BTree {
    /** Called with the block of a clean node replaced by a copy. */
    interface Freer {
        void free(long block);
    }

    /** Visits items in key order; returns false to stop. */
    interface Visitor {
        boolean visit(Item item) throws FsException;
    }

    private final NodeStore store;
    private final Freer freer;
    private final int limit;
    private Node root;
    private boolean changed;
    private int dirtyCount;

    BTree(NodeStore store, Freer freer, int blockSize, Node root) {
        this.store = store;
        this.freer = freer;
        this.limit = blockSize;
        this.root = root;
    }

    Node root() {
        return root;
    }

    /** An upper bound of the dirty nodes (what the next commit will write). */
    int dirtyCount() {
        return dirtyCount;
    }

    /** True when a change was made since the last {@link #markClean}. */
    boolean changed() {
        return changed;
    }

    byte[] get(Key k) throws FsException {
        Node n = root;
        while (n instanceof Branch b) {
            int i = b.floorIndex(k);
            if (i < 0) {
                return null;
            }
            n = child(b, i);
        }
        Leaf leaf = (Leaf) n;
        int i = leaf.floorIndex(k);
        return i >= 0 && leaf.keys.get(i).equals(k) ? leaf.values.get(i) : null;
    }

    /** The item with the greatest key {@code <= k}, or null. */
    Item floor(Key k) throws FsException {
        return floor(root, k);
    }

    private Item floor(Node n, Key k) throws FsException {
        if (n instanceof Leaf leaf) {
            int i = leaf.floorIndex(k);
            return i < 0 ? null : new Item(leaf.keys.get(i), leaf.values.get(i));
        }
        Branch b = (Branch) n;
        for (int i = b.floorIndex(k); i >= 0; i--) {
            Item it = floor(child(b, i), k);
            if (it != null) {
                return it;
            }
        }
        return null;
    }

    /** Visits items with keys {@code >= from} in order until the visitor says stop. */
    void scan(Key from, Visitor v) throws FsException {
        scan(root, from, v);
    }

    private boolean scan(Node n, Key from, Visitor v) throws FsException {
        if (n instanceof Leaf leaf) {
            int i = leaf.floorIndex(from);
            int start = i >= 0 && leaf.keys.get(i).equals(from) ? i : i + 1;
            for (int j = start; j < leaf.size(); j++) {
                if (!v.visit(new Item(leaf.keys.get(j), leaf.values.get(j)))) {
                    return false;
                }
            }
            return true;
        }
        Branch b = (Branch) n;
        for (int j = Math.max(0, b.floorIndex(from)); j < b.size(); j++) {
            if (!scan(child(b, j), from, v)) {
                return false;
            }
        }
        return true;
    }

    /** Inserts or replaces. */
    void put(Key k, byte[] v) throws FsException {
        changed = true;
        root = mutable(root);
        Node split = put(root, k, v);
        if (split != null) {
            Branch nr = new Branch(root.level() + 1, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), true);
            nr.add(0, root.keys.get(0), root);
            nr.add(1, split.keys.get(0), split);
            root = nr;
            dirtyCount += 2;
        }
    }

    private Node put(Node n, Key k, byte[] v) throws FsException {
        if (n instanceof Leaf leaf) {
            leaf.put(k, v);
            if (leaf.bytes() <= limit) {
                return null;
            }
            dirtyCount++;
            return leaf.splitOff();
        }
        Branch b = (Branch) n;
        int i = Math.max(0, b.floorIndex(k));
        Node c = mutableChild(b, i);
        Node split = put(c, k, v);
        if (k.isBefore(b.keys.get(i))) {
            b.keys.set(i, k);
        }
        if (split != null) {
            b.add(i + 1, split.keys.get(0), split);
        }
        if (b.bytes() <= limit) {
            return null;
        }
        dirtyCount++;
        return b.splitOff();
    }

    /** Removes {@code k}; true when it was present. */
    boolean delete(Key k) throws FsException {
        if (get(k) == null) {
            return false;
        }
        changed = true;
        root = mutable(root);
        delete(root, k);
        while (root instanceof Branch b && b.size() == 1) {
            root = child(b, 0);
        }
        if (root instanceof Branch b && b.size() == 0) {
            root = Leaf.empty();
        }
        return true;
    }

    private void delete(Node n, Key k) throws FsException {
        if (n instanceof Leaf leaf) {
            leaf.remove(k);
            return;
        }
        Branch b = (Branch) n;
        int i = b.floorIndex(k);
        Node c = mutableChild(b, i);
        delete(c, k);
        if (c.size() == 0) {
            b.removeAt(i);
        } else if (c.bytes() < limit / 4 && b.size() > 1) {
            mergeWithNeighbour(b, i);
        }
    }

    private void mergeWithNeighbour(Branch b, int i) throws FsException {
        int left = i + 1 < b.size() ? i : i - 1;
        Node l = child(b, left);
        Node r = child(b, left + 1);
        if (l.bytes() + r.bytes() - NodeCodec.HEADER > limit) {
            return;
        }
        l = mutableChild(b, left);
        r = mutableChild(b, left + 1);
        if (l instanceof Leaf ll) {
            ll.absorb((Leaf) r);
        } else {
            ((Branch) l).absorb((Branch) r);
        }
        b.removeAt(left + 1);
    }

    private Node child(Branch b, int i) throws FsException {
        Node n = b.children.get(i);
        return n != null ? n : store.load(b.childBlocks.get(i), b.level() - 1);
    }

    private Node mutableChild(Branch b, int i) throws FsException {
        Node n = child(b, i);
        if (n.dirty) {
            return n;
        }
        Node copy = mutable(n);
        b.children.set(i, copy);
        b.childBlocks.set(i, -1L);
        return copy;
    }

    private Node mutable(Node n) {
        if (n.dirty) {
            return n;
        }
        freer.free(n.block);
        store.evict(n.block);
        dirtyCount++;
        return n.copy();
    }

    /** The dirty nodes, children before parents (the root last). */
    List<Node> dirtyNodes() {
        List<Node> out = new ArrayList<>();
        if (root.dirty) {
            collect(root, out);
        }
        return out;
    }

    private void collect(Node n, List<Node> out) {
        if (n instanceof Branch b) {
            for (Node c : b.children) {
                if (c != null) {
                    collect(c, out);
                }
            }
        }
        out.add(n);
    }

    /** Points each dirty branch at its children's new blocks (children already placed). */
    static void linkChildren(Node n) {
        if (n instanceof Branch b) {
            for (int i = 0; i < b.size(); i++) {
                Node c = b.children.get(i);
                if (c != null) {
                    b.childBlocks.set(i, c.block);
                }
            }
        }
    }

    /** After a durable commit: the written nodes become clean and cacheable. */
    void markClean(List<Node> written) {
        for (Node n : written) {
            n.dirty = false;
            if (n instanceof Branch b) {
                for (int i = 0; i < b.size(); i++) {
                    b.children.set(i, null);
                }
            }
            store.put(n);
        }
        changed = false;
        dirtyCount = 0;
    }
}
