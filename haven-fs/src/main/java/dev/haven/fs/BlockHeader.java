package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The 24-byte header every HavenFS metadata block starts with.
 *
 * <pre>
 * offset size field
 *      0    4 magic   (kind of block: superblock, bitmap, tree node)
 *      4    4 crc     CRC32C of bytes [8, blockSize)
 *      8    8 block   the block's own number (catches misdirected writes)
 *     16    8 seq     commit sequence that wrote it
 * </pre>
 */
final class BlockHeader {
    static final int BYTES = 24;
    static final int SUPER_MAGIC = 0x48465353; // "HFSS"
    static final int BITMAP_MAGIC = 0x48465342; // "HFSB"
    static final int NODE_MAGIC = 0x4846534e; // "HFSN"

    private BlockHeader() {
    }

    /** Writes the header of {@code blk} (whose body is already filled) and its checksum. */
    static void seal(ByteBuffer blk, int magic, long block, long seq) {
        blk.putInt(0, magic);
        blk.putLong(8, block);
        blk.putLong(16, seq);
        blk.putInt(4, crc(blk));
    }

    /** Verifies magic, checksum and self-number; returns the seq. */
    static long check(ByteBuffer blk, int magic, long block, String kind) throws FsException {
        if (blk.getInt(0) != magic) {
            throw FsException.corrupt(block, kind + ": bad magic " + Integer.toHexString(blk.getInt(0)));
        }
        if (blk.getInt(4) != crc(blk)) {
            throw FsException.corrupt(block, kind + ": CRC32C mismatch");
        }
        if (blk.getLong(8) != block) {
            throw FsException.corrupt(block, kind + ": says it is block " + blk.getLong(8));
        }
        return blk.getLong(16);
    }

    private static int crc(ByteBuffer blk) {
        CRC32C c = new CRC32C();
        c.update(blk.slice(8, blk.capacity() - 8));
        return (int) c.getValue();
    }
}
