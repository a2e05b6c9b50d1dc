package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * One superblock slot. Slots 0 and 1 (file-system blocks 0 and 1) alternate: commit {@code seq}
 * writes slot {@code seq % 2}; mount takes the valid slot with the higher seq.
 *
 * <pre>
 * offset size field
 *      0   24 {@link BlockHeader} (magic "HFSS", seq = commit sequence)
 *     24    4 format version (1)
 *     28    4 block size
 *     32    8 feature flags (bit 0: case-insensitive names)
 *     40   16 file-system id (UUID, most then least significant)
 *     56    8 block count
 *     64    8 root tree node block
 *     72    8 next inode id
 *     80    8 used blocks
 *     88    8 inodes in use
 *     96    8 first bitmap block of region 0 (region 1 follows it)
 *    104    8 bitmap blocks per region
 *    112    1 clean (1 = unmounted or frozen with nothing pending)
 *    120    8 creation time (100 ns ticks since 1970-01-01 UTC)
 * </pre>
 */
record Superblock(long seq, int blockSize, long features, UUID fsId, long blockCount, long root,
                  long nextInode, long usedBlocks, long inodes, long bitmapStart, long bitmapBlocks,
                  boolean clean, long created) {
    static final int VERSION = 1;
    static final long FEATURE_CASE_INSENSITIVE = 1;
    static final long KNOWN_FEATURES = FEATURE_CASE_INSENSITIVE;

    boolean caseInsensitive() {
        return (features & FEATURE_CASE_INSENSITIVE) != 0;
    }

    /** First block that holds data or tree nodes. */
    long dataStart() {
        return bitmapStart + 2 * bitmapBlocks;
    }

    /** The bitmap block {@code index} of the region that commit {@code seq} uses. */
    long bitmapBlock(long forSeq, int index) {
        return bitmapStart + (forSeq % 2) * bitmapBlocks + index;
    }

    long slot() {
        return seq % 2;
    }

    ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(blockSize);
        b.putInt(24, VERSION).putInt(28, blockSize).putLong(32, features)
                .putLong(40, fsId.getMostSignificantBits()).putLong(48, fsId.getLeastSignificantBits())
                .putLong(56, blockCount).putLong(64, root).putLong(72, nextInode).putLong(80, usedBlocks)
                .putLong(88, inodes).putLong(96, bitmapStart).putLong(104, bitmapBlocks)
                .put(112, (byte) (clean ? 1 : 0)).putLong(120, created);
        BlockHeader.seal(b, BlockHeader.SUPER_MAGIC, slot(), seq);
        return b;
    }

    static Superblock decode(ByteBuffer b, long slot, long deviceBlocks) throws FsException {
        long seq = BlockHeader.check(b, BlockHeader.SUPER_MAGIC, slot, "superblock");
        if (b.getInt(24) != VERSION) {
            throw FsException.corrupt(slot, "superblock: unsupported format version " + b.getInt(24));
        }
        long features = b.getLong(32);
        if ((features & ~KNOWN_FEATURES) != 0) {
            throw FsException.corrupt(slot, "superblock: unknown feature flags " + Long.toHexString(features));
        }
        Superblock s = new Superblock(seq, b.getInt(28), features, new UUID(b.getLong(40), b.getLong(48)),
                b.getLong(56), b.getLong(64), b.getLong(72), b.getLong(80), b.getLong(88), b.getLong(96),
                b.getLong(104), b.get(112) == 1, b.getLong(120));
        if (s.blockSize != b.capacity() || s.blockCount > deviceBlocks || s.blockCount < s.dataStart()
                || s.root < s.dataStart() || s.root >= s.blockCount || s.bitmapStart != 2) {
            throw FsException.corrupt(slot, "superblock: geometry does not fit the device");
        }
        return s;
    }

    Superblock withCommit(long newSeq, long newRoot, long newNext, long newUsed, long newInodes, boolean newClean) {
        return new Superblock(newSeq, blockSize, features, fsId, blockCount, newRoot, newNext, newUsed, newInodes,
                bitmapStart, bitmapBlocks, newClean, created);
    }
}
