package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A flipped byte in any metadata block is reported as CORRUPT naming the block, never followed. */
class CorruptionTest {
    @Test
    void flippedByteInEveryMetadataBlockIsReportedByNumber() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("c", 4096, 1024);
        String expected;
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            for (int i = 0; i < 400; i++) {
                long ino = fs.createFile(HavenFs.ROOT, "some-file-name-" + i, CreateAttributes.DEFAULT).id();
                fs.setXattr(ino, "user.x", new byte[] {(byte) i});
            }
            fs.write(fs.lookup(HavenFs.ROOT, "some-file-name-7").id(), 0, ByteBuffer.wrap(new byte[9000]));
            expected = FsDigest.of(fs);
        }
        Superblock sb = Meta.newestSuperblock(new Disk(dev));
        Random random = new Random(42);
        int nodes = 0;
        for (long block = 0; block < dev.blockCount(); block++) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            dev.read(block, b);
            int magic = b.getInt(0);
            boolean node = magic == BlockHeader.NODE_MAGIC && b.getLong(16) <= sb.seq() && b.getLong(8) == block;
            boolean current = node && referencedByTree(dev, block);
            long bitmap0 = sb.bitmapBlock(sb.seq(), 0);
            boolean bitmap = block >= bitmap0 && block < bitmap0 + sb.bitmapBlocks();
            if (!current && !bitmap && block != sb.slot()) {
                continue;
            }
            nodes += current ? 1 : 0;
            MemoryBlockDevice bad = dev.copy("bad");
            int at = 24 + random.nextInt(4096 - 24);
            b.put(at, (byte) (b.get(at) ^ 0x40));
            bad.write(block, b.clear());
            FsckReport report = FsCheck.check(bad);
            if (block == sb.slot()) {
                // the other slot holds the previous commit: it still mounts, and fsck is clean
                try (HavenFs fs = HavenFs.mount(bad.copy("older"))) {
                    assertTrue(fs.statfs().usedInodes() > 0);
                }
                continue;
            }
            assertFalse(report.isClean(), "flip in block " + block + " not found");
            assertTrue(report.toString().contains("metadata block " + block), report.toString());
            try (HavenFs fs = HavenFs.mount(bad)) {
                FsDigest.of(fs);
                throw new AssertionError("flip in block " + block + " went unnoticed by a full walk");
            } catch (FsException e) {
                assertEquals(FsError.CORRUPT, e.error(), e.getMessage());
                assertTrue(e.getMessage().contains("block " + block), e.getMessage());
            }
        }
        assertTrue(nodes > 5, "tree has " + nodes + " nodes");
        try (HavenFs fs = HavenFs.mount(dev)) {
            assertEquals(expected, FsDigest.of(fs));
        }
    }

    private static boolean referencedByTree(MemoryBlockDevice dev, long block) {
        FsckReport r = FsCheck.check(corruptCopy(dev, block));
        return !r.isClean();
    }

    private static MemoryBlockDevice corruptCopy(MemoryBlockDevice dev, long block) {
        MemoryBlockDevice c = dev.copy("probe");
        try {
            c.write(block, ByteBuffer.allocate(4096));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return c;
    }

    @Test
    void aChangeThatMeetsCorruptMetadataFailsTheFileSystemInsteadOfCommittingHalf() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("c2", 4096, 1024);
        try (HavenFs fs = HavenFs.format(dev, FormatOptions.DEFAULT)) {
            for (int i = 0; i < 300; i++) {
                fs.createFile(HavenFs.ROOT, "name-" + i, CreateAttributes.DEFAULT);
            }
        }
        Superblock sb = Meta.newestSuperblock(new Disk(dev));
        ByteBuffer root = ByteBuffer.allocate(4096);
        dev.read(sb.root(), root);
        long leaf = ((Branch) NodeCodec.decode(root, sb.root())).childBlocks.get(0); // holds inode 1
        ByteBuffer b = ByteBuffer.allocate(4096);
        dev.read(leaf, b);
        b.put(100, (byte) (b.get(100) ^ 1));
        dev.write(leaf, b.clear());
        HavenFs fs = HavenFs.mount(dev);
        FsException e = org.junit.jupiter.api.Assertions.assertThrows(FsException.class,
                () -> fs.createFile(HavenFs.ROOT, "x", CreateAttributes.DEFAULT));
        assertEquals(FsError.CORRUPT, e.error());
        assertTrue(e.getMessage().contains("block " + leaf), e.getMessage());
        FsException after = org.junit.jupiter.api.Assertions.assertThrows(FsException.class, () -> fs.attributes(HavenFs.ROOT));
        assertEquals(FsError.IO_ERROR, after.error());
        assertEquals(FsLifecycle.FAILED, fs.state());
        fs.close();
    }
}
