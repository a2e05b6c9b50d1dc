package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.block.BlockDevice;
import dev.haven.testkit.BlockDeviceContract;
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A device split into segments behaves as one device, also for transfers across a segment boundary. */
class SegmentedDeviceTest extends BlockDeviceContract {

    @Override
    protected BlockDevice newDevice() {
        return new SegmentedDevice(List.of(new MemoryBlockDevice("s0", 512, 16), new MemoryBlockDevice("s1", 512, 16),
                new MemoryBlockDevice("s2", 512, 16), new MemoryBlockDevice("s3", 512, 16),
                new MemoryBlockDevice("s4", 512, 10)), 16, "segmented");
    }

    @Test
    void transfersAcrossSegmentBoundariesLandInBothSegments() throws Exception {
        try (BlockDevice d = newDevice()) {
            assertEquals(74, d.blockCount());
            byte[] data = new byte[512 * 40];
            new Random(3).nextBytes(data);
            d.write(10, ByteBuffer.wrap(data));
            ByteBuffer back = ByteBuffer.allocate(data.length);
            d.read(10, back);
            assertArrayEquals(data, back.array());
        }
    }

    @Test
    void aVolumeLargerThanOneHostFileUsesSegments(@TempDir Path dir) throws Exception {
        long size = FileVolumeStore.SEGMENT_BYTES * 2 + (1L << 30);
        Path p = dir.resolve("big");
        long boundary = FileVolumeStore.SEGMENT_BYTES / 4096;
        byte[] two = new byte[8192];
        new Random(4).nextBytes(two);
        try (Volume v = Volume.create(p, size, 4096)) {
            v.production().write(boundary - 1, ByteBuffer.wrap(two));
            v.createSnapshot("s");
            v.production().write(boundary - 1, ByteBuffer.allocate(8192));
        }
        assertEquals(true, Files.exists(p.resolve("data.blocks.002")));
        try (Volume v = Volume.open(p)) {
            ByteBuffer back = ByteBuffer.allocate(8192);
            v.view("s").read(boundary - 1, back);
            assertArrayEquals(two, back.array());
            assertEquals(size, v.info().sizeBytes());
        }
    }
}
