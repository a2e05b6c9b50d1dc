package dev.haven.volume;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import dev.haven.block.ReadOnlyDeviceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The read parts of the block-device contract for a read-only snapshot view, and its refusals. */
class SnapshotViewTest {
    private static final int BS = 4096;

    private static Volume volume() throws IOException {
        return Volume.create(new TestStore(), 64 * BS, BS, ProductionContractTest.OPTIONS);
    }

    private static ByteBuffer block(int fill, int blocks) {
        byte[] b = new byte[BS * blocks];
        Arrays.fill(b, (byte) fill);
        return ByteBuffer.wrap(b);
    }

    @Test
    void readOnlyViewRefusesWritesAndFreeHints() throws Exception {
        try (Volume v = volume()) {
            v.createSnapshot("s");
            BlockDevice s = v.view("s");
            assertTrue(s.isReadOnly());
            assertThrows(ReadOnlyDeviceException.class, () -> s.write(0, block(1, 1)));
            assertThrows(ReadOnlyDeviceException.class, () -> s.declareFree(0, 1));
            assertEquals(v.production().blockCount(), s.blockCount());
            assertEquals(BS, s.blockSize());
        }
    }

    @Test
    void readOnlyViewReadsPointInTimeContentMultiBlockAndZerosWhereNeverWritten() throws Exception {
        try (Volume v = volume()) {
            BlockDevice p = v.production();
            p.write(3, block(7, 2));
            v.createSnapshot("s");
            p.write(3, block(9, 3));
            ByteBuffer got = ByteBuffer.allocate(BS * 4);
            v.view("s").read(2, got);
            assertEquals(0, got.remaining());
            byte[] want = new byte[BS * 4];
            Arrays.fill(want, BS, 3 * BS, (byte) 7);
            assertArrayEquals(want, got.array());
        }
    }

    @Test
    void readOnlyViewRejectsPartialBlocksOutOfRangeAndUseAfterClose() throws Exception {
        try (Volume v = volume()) {
            v.createSnapshot("s");
            BlockDevice s = v.view("s");
            assertThrows(IllegalArgumentException.class, () -> s.read(0, ByteBuffer.allocate(BS - 1)));
            assertThrows(IllegalArgumentException.class, () -> s.read(s.blockCount(), ByteBuffer.allocate(BS)));
            assertThrows(IllegalArgumentException.class, () -> s.read(-1, ByteBuffer.allocate(BS)));
            s.close();
            assertThrows(IllegalStateException.class, () -> s.read(0, ByteBuffer.allocate(BS)));
        }
    }

    @Test
    void viewOfADeletedSnapshotFailsClearly() throws Exception {
        try (Volume v = volume()) {
            v.createSnapshot("s");
            BlockDevice s = v.view("s");
            v.delete("s");
            IOException e = assertThrows(IOException.class, () -> s.read(0, ByteBuffer.allocate(BS)));
            assertTrue(e.getMessage().contains("deleted"), e.getMessage());
            assertThrows(NoSuchSnapshotException.class, () -> v.view("s"));
        }
    }

    @Test
    void writableViewIsWritableAndLeavesBaseAndProductionAlone() throws Exception {
        try (Volume v = volume()) {
            v.production().write(1, block(1, 1));
            v.createSnapshot("s");
            BlockDevice w = v.view(v.createWritable("s", "w").name());
            assertFalse(w.isReadOnly());
            w.write(1, block(2, 1));
            ByteBuffer got = ByteBuffer.allocate(BS);
            v.view("s").read(1, got);
            assertArrayEquals(block(1, 1).array(), got.array());
            got.clear();
            v.production().read(1, got);
            assertArrayEquals(block(1, 1).array(), got.array());
            got.clear();
            w.read(1, got);
            assertArrayEquals(block(2, 1).array(), got.array());
        }
    }
}
