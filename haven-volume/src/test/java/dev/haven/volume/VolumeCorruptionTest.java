package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.FileBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong magic, wrong version, bad checksums and truncated files are clear errors naming the file. */
class VolumeCorruptionTest {
    @TempDir
    Path dir;

    private Path volume() throws IOException {
        Path p = dir.resolve("vol");
        try (Volume v = Volume.create(p, 1L << 20, 4096)) {
            v.production().write(1, ByteBuffer.allocate(4096).put(0, (byte) 1));
            v.createSnapshot("s");
        }
        return p;
    }

    private static void poke(Path file, long offset, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    private static void assertCorrupt(Path vol, Path file, String words) {
        IOException e = assertThrows(IOException.class, () -> Volume.open(vol).close());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(words), e.getMessage());
    }

    @Test
    void wrongMagicIsReported() throws Exception {
        Path v = volume();
        Path meta = v.resolve("meta.blocks");
        poke(meta, 0, "NOTHAVEN".getBytes());
        poke(meta, 4096, "NOTHAVEN".getBytes());
        assertCorrupt(v, meta, "bad magic");
    }

    @Test
    void wrongVersionIsReported() throws Exception {
        Path v = volume();
        Path meta = v.resolve("meta.blocks");
        for (long slot : new long[] {0, 4096}) {
            ByteBuffer h = ByteBuffer.allocate(4096);
            try (FileChannel ch = FileChannel.open(meta, StandardOpenOption.READ)) {
                ch.read(h, slot);
            }
            h.putInt(8, 99);
            h.putInt(60, MetaLog.crc(h.array(), 60));
            poke(meta, slot, h.array());
        }
        assertCorrupt(v, meta, "unsupported version 99");
    }

    @Test
    void badHeaderChecksumsAreReported() throws Exception {
        Path v = volume();
        Path meta = v.resolve("meta.blocks");
        poke(meta, 20, new byte[] {0x55});
        poke(meta, 4096 + 20, new byte[] {0x55});
        assertCorrupt(v, meta, "checksum");
    }

    @Test
    void aBadCheckpointBlockIsReported() throws Exception {
        Path v = volume();
        Path meta = v.resolve("meta.blocks");
        // Both halves start with a checkpoint (one per open); spoil the first block of both.
        MetaLog.Header h;
        try (FileBlockDevice d = FileBlockDevice.open(meta, 4096, true)) {
            h = MetaLog.open(d, meta.toString()).header();
        }
        poke(meta, (2 + h.activeHalf() * h.halfBlocks()) * 4096 + 100, new byte[] {1, 2, 3});
        assertCorrupt(v, meta, "checkpoint block 0");
    }

    @Test
    void aBadBlockInTheMiddleOfTheLogIsReportedNotTruncated() throws Exception {
        Path v = dir.resolve("vol");
        try (Volume vol = Volume.create(v, 1L << 20, 4096)) {
            for (int i = 0; i < 4; i++) {
                vol.production().write(i, ByteBuffer.allocate(4096).put(0, (byte) 1));
                vol.createSnapshot("s" + i); // one commit each
            }
        }
        Path meta = v.resolve("meta.blocks");
        MetaLog.Header h;
        try (FileBlockDevice d = FileBlockDevice.open(meta, 4096, true)) {
            h = MetaLog.open(d, meta.toString()).header();
        }
        long firstCommit = 2 + h.activeHalf() * h.halfBlocks() + h.checkpointBlocks();
        poke(meta, firstCommit * 4096 + 40, new byte[] {9, 9, 9});
        assertCorrupt(v, meta, "goes on after it");
    }

    @Test
    void truncatedFilesAreReported() throws Exception {
        Path v = volume();
        Path data = v.resolve("data.blocks");
        try (FileChannel ch = FileChannel.open(data, StandardOpenOption.WRITE)) {
            ch.truncate(4096 * 10);
        }
        assertCorrupt(v, data, "truncated");
        Path meta = v.resolve("meta.blocks");
        try (FileChannel ch = FileChannel.open(meta, StandardOpenOption.WRITE)) {
            ch.truncate(4096 * 5);
        }
        assertCorrupt(v, meta, "truncated");
    }

    @Test
    void aMissingVolumeIsReportedWithItsPath() {
        Path v = dir.resolve("none");
        IOException e = assertThrows(IOException.class, () -> Volume.open(v));
        assertTrue(e.getMessage().contains(v.toString()), e.getMessage());
        assertTrue(Files.notExists(v));
    }
}
