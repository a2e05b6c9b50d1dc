package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;

/**
 * Encodes tree nodes to blocks and back.
 *
 * <pre>
 * offset size field
 *      0   24 {@link BlockHeader} (magic "HFSN")
 *     24    1 level (0 = leaf)
 *     25    2 item count
 *     32      items, sorted by key:
 *             leaf:   key (id u64, type u8, offset u64) | value length u16 | value
 *             branch: key | child block u64
 * </pre>
 */
final class NodeCodec {
    static final int HEADER = 32;
    static final int MAX_LEVEL = 16;

    private NodeCodec() {
    }

    /** Largest value a leaf item may hold for this block size (a quarter of a node, so splits always fit). */
    static int maxValue(int blockSize) {
        return (blockSize - HEADER) / 4 - Key.BYTES - 2;
    }

    static void encode(Node node, long block, long seq, ByteBuffer blk) {
        blk.put(24, (byte) node.level());
        blk.putShort(25, (short) node.size());
        blk.position(HEADER);
        for (int i = 0; i < node.size(); i++) {
            Key k = node.keys.get(i);
            blk.putLong(k.id()).put(k.type()).putLong(k.offset());
            if (node instanceof Leaf leaf) {
                byte[] v = leaf.values.get(i);
                blk.putShort((short) v.length).put(v);
            } else {
                blk.putLong(((Branch) node).childBlocks.get(i));
            }
        }
        BlockHeader.seal(blk, BlockHeader.NODE_MAGIC, block, seq);
    }

    static Node decode(ByteBuffer blk, long block) throws FsException {
        BlockHeader.check(blk, BlockHeader.NODE_MAGIC, block, "tree node");
        int level = blk.get(24);
        int count = Short.toUnsignedInt(blk.getShort(25));
        if (level < 0 || level > MAX_LEVEL) {
            throw FsException.corrupt(block, "tree node: level " + level);
        }
        try {
            blk.position(HEADER);
            ArrayList<Key> keys = new ArrayList<>(count);
            Key prev = null;
            if (level == 0) {
                ArrayList<byte[]> values = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    prev = sorted(block, prev, readKey(blk));
                    keys.add(prev);
                    byte[] v = new byte[Short.toUnsignedInt(blk.getShort())];
                    blk.get(v);
                    values.add(v);
                }
                return new Leaf(keys, values, false);
            }
            ArrayList<Long> childBlocks = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                prev = sorted(block, prev, readKey(blk));
                keys.add(prev);
                childBlocks.add(blk.getLong());
            }
            if (count == 0) {
                throw FsException.corrupt(block, "tree node: empty branch");
            }
            return new Branch(level, keys, childBlocks, new ArrayList<>(Collections.nCopies(count, null)), false);
        } catch (RuntimeException e) {
            throw FsException.corrupt(block, "tree node: items overrun the block");
        }
    }

    private static Key readKey(ByteBuffer blk) {
        return new Key(blk.getLong(), blk.get(), blk.getLong());
    }

    private static Key sorted(long block, Key prev, Key k) throws FsException {
        if (prev != null && !prev.isBefore(k)) {
            throw FsException.corrupt(block, "tree node: keys out of order");
        }
        return k;
    }
}
