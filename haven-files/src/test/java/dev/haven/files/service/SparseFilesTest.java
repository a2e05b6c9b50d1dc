package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.lock.LockRequest;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SparseFilesTest {
    private static final int ALL = AccessMask.FILE_ALL_ACCESS;
    private static final int K64 = 65_536;
    private final HavenFs fs;
    private final Share share;
    private final FileService files = new FileService();
    private final SparseFiles sparse = new SparseFiles(files);

    SparseFilesTest() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16_384), FormatOptions.DEFAULT);
        share = Share.of("data", fs, false);
    }

    @AfterEach
    void close() throws Exception {
        fs.close();
    }

    private Open open(String name, int access, boolean dir) {
        return files.open(share, SharePath.parse(name, '/'), CreateDisposition.OPEN_IF,
                new OpenOptions(dir, !dir, false, false), AccessMask.of(access), ShareAccess.ALL,
                new Principal("u")).open();
    }

    private Open filled(String name, int size) {
        Open o = open(name, ALL, false);
        byte[] d = new byte[size];
        new Random(size).nextBytes(d);
        files.write(o, 0, ByteBuffer.wrap(d), false);
        return o;
    }

    private static void assertFails(FileServiceError kind, Executable e) {
        assertEquals(kind, assertThrows(FileServiceException.class, e).error());
    }

    private boolean isSparse(Open o) {
        return (files.attributes(o).dosAttributes() & SparseFiles.SPARSE_FILE) != 0;
    }

    @Test
    void theSparseFlagIsAnAttributeThatOnlyTheFsctlChanges() {
        Open o = open("f", ALL, false);
        sparse.setSparse(o, true);
        assertEquals(true, isSparse(o));
        files.setBasicInfo(o, new BasicInfo(null, null, null, null, FileAttributes.ARCHIVE));
        assertEquals(true, isSparse(o));
        sparse.setSparse(o, false);
        assertEquals(false, isSparse(o));
        assertFails(FileServiceError.INVALID_PARAMETER, () -> sparse.setSparse(open("d", ALL, true), true));
        assertFails(FileServiceError.ACCESS_DENIED, () -> sparse.setSparse(open("f", AccessMask.FILE_WRITE_EA, false), true));
        sparse.setSparse(open("f", AccessMask.FILE_WRITE_ATTRIBUTES, false), true);
        sparse.setSparse(open("f", AccessMask.FILE_APPEND_DATA, false), true);
    }

    @Test
    void zeroingASparseFileGivesWholeBlocksBackAndAPlainFileStaysAllocated() {
        Open plain = filled("plain", 2 * K64);
        sparse.zeroData(plain, 0, K64);
        assertArrayEquals(new byte[K64], read(plain, 0, K64));
        assertEquals(List.of(new FileRange(0, 2 * K64)), sparse.allocatedRanges(plain, 0, 4 * K64));
        Open holes = filled("holes", 2 * K64);
        sparse.setSparse(holes, true);
        sparse.zeroData(holes, 100, K64);
        assertArrayEquals(new byte[K64 - 100], read(holes, 100, K64 - 100));
        assertEquals(List.of(new FileRange(0, 4096), new FileRange(K64, K64)), sparse.allocatedRanges(holes, 0, 4 * K64));
        assertEquals(List.of(new FileRange(1, 4095)), sparse.allocatedRanges(holes, 1, 8192));
    }

    @Test
    void zeroDataChecksItsRangeAccessAndLocksAndNeverGrowsTheFile() {
        Open o = filled("f", 4096);
        sparse.zeroData(o, 4096, 4104);
        sparse.zeroData(o, 4095, 4095);
        assertEquals(4096, files.attributes(o).size());
        assertFails(FileServiceError.INVALID_PARAMETER, () -> sparse.zeroData(o, 4096, 4095));
        assertFails(FileServiceError.ACCESS_DENIED, () -> sparse.zeroData(open("f", AccessMask.FILE_APPEND_DATA, false), 0, 10));
        Open locker = open("f", ALL, false);
        files.lock(locker, List.of(new LockRequest(0, 4096, true)));
        assertFails(FileServiceError.LOCK_CONFLICT, () -> sparse.zeroData(o, 0, 4096));
    }

    @Test
    void allocatedRangesRefuseOverflowAndNeedReadData() {
        Open o = filled("f", 1024);
        assertFails(FileServiceError.INVALID_PARAMETER, () -> sparse.allocatedRanges(o, 512, Long.MAX_VALUE));
        assertFails(FileServiceError.INVALID_PARAMETER, () -> sparse.allocatedRanges(o, -1, 1));
        assertFails(FileServiceError.ACCESS_DENIED,
                () -> sparse.allocatedRanges(open("f", AccessMask.FILE_READ_ATTRIBUTES, false), 0, 10));
        assertEquals(List.of(), sparse.allocatedRanges(o, 0, 0));
        assertEquals(List.of(), sparse.allocatedRanges(o, 4096, 1024));
    }

    private byte[] read(Open o, long off, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        files.read(o, off, b);
        return b.array();
    }
}
