package dev.haven.fs;

import java.util.ArrayList;

/**
 * An inner node: child {@code i} holds keys in {@code [keys[i], keys[i+1])}. A child is referenced
 * by its block when clean, or held in {@link #children} when dirty (it has no block yet).
 */
final class Branch extends Node {
    static final int ENTRY = Key.BYTES + 8;

    final ArrayList<Long> childBlocks;
    final ArrayList<Node> children;
    private final int level;

    Branch(int level, ArrayList<Key> keys, ArrayList<Long> childBlocks, ArrayList<Node> children, boolean dirty) {
        super(keys, dirty);
        this.level = level;
        this.childBlocks = childBlocks;
        this.children = children;
    }

    @Override
    int level() {
        return level;
    }

    @Override
    int bytes() {
        return NodeCodec.HEADER + keys.size() * ENTRY;
    }

    @Override
    Branch copy() {
        return new Branch(level, new ArrayList<>(keys), new ArrayList<>(childBlocks), new ArrayList<>(children), true);
    }

    void add(int i, Key k, Node dirtyChild) {
        keys.add(i, k);
        childBlocks.add(i, -1L);
        children.add(i, dirtyChild);
    }

    void removeAt(int i) {
        keys.remove(i);
        childBlocks.remove(i);
        children.remove(i);
    }

    /** Moves the upper half into a new dirty branch and returns it. */
    Branch splitOff() {
        int at = keys.size() / 2;
        Branch right = new Branch(level, new ArrayList<>(keys.subList(at, keys.size())),
                new ArrayList<>(childBlocks.subList(at, childBlocks.size())),
                new ArrayList<>(children.subList(at, children.size())), true);
        keys.subList(at, keys.size()).clear();
        childBlocks.subList(at, childBlocks.size()).clear();
        children.subList(at, children.size()).clear();
        return right;
    }

    void absorb(Branch right) {
        keys.addAll(right.keys);
        childBlocks.addAll(right.childBlocks);
        children.addAll(right.children);
    }
}
