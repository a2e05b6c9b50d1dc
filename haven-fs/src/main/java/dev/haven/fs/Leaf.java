package dev.haven.fs;

import java.util.ArrayList;

/** A leaf: sorted keys with their values. */
final class Leaf extends Node {
    final ArrayList<byte[]> values;
    private int bytes;

    Leaf(ArrayList<Key> keys, ArrayList<byte[]> values, boolean dirty) {
        super(keys, dirty);
        this.values = values;
        int b = NodeCodec.HEADER;
        for (byte[] v : values) {
            b += itemBytes(v);
        }
        this.bytes = b;
    }

    static Leaf empty() {
        return new Leaf(new ArrayList<>(), new ArrayList<>(), true);
    }

    static int itemBytes(byte[] value) {
        return Key.BYTES + 2 + value.length;
    }

    @Override
    int level() {
        return 0;
    }

    @Override
    int bytes() {
        return bytes;
    }

    @Override
    Leaf copy() {
        return new Leaf(new ArrayList<>(keys), new ArrayList<>(values), true);
    }

    /** Inserts or replaces {@code k}. */
    void put(Key k, byte[] v) {
        int i = floorIndex(k);
        if (i >= 0 && keys.get(i).equals(k)) {
            bytes += v.length - values.get(i).length;
            values.set(i, v);
        } else {
            keys.add(i + 1, k);
            values.add(i + 1, v);
            bytes += itemBytes(v);
        }
    }

    /** Removes {@code k}; true when it was there. */
    boolean remove(Key k) {
        int i = floorIndex(k);
        if (i < 0 || !keys.get(i).equals(k)) {
            return false;
        }
        bytes -= itemBytes(values.get(i));
        keys.remove(i);
        values.remove(i);
        return true;
    }

    /** Moves the upper half (by bytes) into a new dirty leaf and returns it. */
    Leaf splitOff() {
        int half = (bytes - NodeCodec.HEADER) / 2;
        int acc = 0;
        int at = 0;
        while (at < keys.size() - 1 && acc + itemBytes(values.get(at)) <= half) {
            acc += itemBytes(values.get(at));
            at++;
        }
        at = Math.max(at, 1);
        Leaf right = new Leaf(new ArrayList<>(keys.subList(at, keys.size())),
                new ArrayList<>(values.subList(at, values.size())), true);
        keys.subList(at, keys.size()).clear();
        values.subList(at, values.size()).clear();
        bytes -= right.bytes - NodeCodec.HEADER;
        return right;
    }

    /** Appends every item of {@code right}, whose keys are all greater. */
    void absorb(Leaf right) {
        keys.addAll(right.keys);
        values.addAll(right.values);
        bytes += right.bytes - NodeCodec.HEADER;
    }
}
