package dev.haven.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import dev.haven.block.FileBlockDevice;
import dev.haven.block.ReadOnlyDeviceException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileBlockDeviceTest extends BlockDeviceContract {
    @TempDir
    Path dir;

    private int serial;

    @Override
    protected BlockDevice newDevice() throws IOException {
        return FileBlockDevice.create(dir.resolve("dev" + serial++), 4096, 1024);
    }

    @Test
    void largeDeviceStaysSparse() throws IOException {
        Path p = dir.resolve("big");
        try (FileBlockDevice d = FileBlockDevice.create(p, 4096, 1L << 28)) { // 1 TiB
            d.write(12345, ByteBuffer.allocate(4096));
            d.flush();
        }
        assertEquals(1L << 40, Files.size(p));
    }

    @Test
    void reopensWithSameContentAndRefusesWritesWhenReadOnly() throws IOException {
        Path p = dir.resolve("re");
        try (FileBlockDevice d = FileBlockDevice.create(p, 4096, 16)) {
            d.write(1, ByteBuffer.wrap(new byte[4096]).put(0, (byte) 9));
            d.flush();
        }
        try (FileBlockDevice d = FileBlockDevice.open(p, 4096, true)) {
            assertEquals(16, d.blockCount());
            ByteBuffer b = ByteBuffer.allocate(4096);
            d.read(1, b);
            assertEquals(9, b.get(0));
            assertThrows(ReadOnlyDeviceException.class, () -> d.write(0, ByteBuffer.allocate(4096)));
        }
    }

    @Test
    void refusesToOverwriteAnExistingFileOrOpenATruncatedOne() throws IOException {
        Path p = dir.resolve("x");
        Files.write(p, new byte[100]);
        assertThrows(FileAlreadyExistsException.class, () -> FileBlockDevice.create(p, 4096, 1));
        IOException e = assertThrows(IOException.class, () -> FileBlockDevice.open(p, 4096, false));
        assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
    }
}
