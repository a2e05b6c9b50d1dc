package dev.haven.files.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.lock.LockRequest;
import dev.haven.files.service.Open;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServerSideCopyTest {
    private static final int MIB = 1 << 20;
    private final CopyFixture fx;
    private final ServerSideCopy copy;

    ServerSideCopyTest() throws Exception {
        fx = new CopyFixture();
        copy = new ServerSideCopy(fx.files);
    }

    @AfterEach
    void close() throws Exception {
        fx.close();
    }

    @Test
    void copiesMultiMebibyteFilesInWholeChunks() {
        Open src = fx.open("src", CopyFixture.ALL);
        Open dst = fx.open("dst", CopyFixture.ALL);
        byte[] data = CopyFixture.pattern(16 * MIB, 1);
        fx.write(src, 0, data);
        List<CopyChunk> chunks = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            chunks.add(new CopyChunk((long) i * MIB, (long) i * MIB, MIB));
        }
        assertTrue(CopyLimits.DEFAULT.allow(chunks));
        CopyOutcome out = copy.copy(src, dst, chunks, true);
        assertEquals(new CopyOutcome(16, 16L * MIB, null), out);
        assertArrayEquals(data, fx.read(dst, 0, 16 * MIB));
    }

    @Test
    void overlappingRangesOfOneFileCopyTheSourceAsItWas() {
        Open f = fx.open("f", CopyFixture.ALL);
        byte[] data = CopyFixture.pattern(4096, 2);
        fx.write(f, 0, data);
        assertTrue(copy.copy(f, f, List.of(new CopyChunk(0, 2040, 2048)), true).complete());
        byte[] expected = java.util.Arrays.copyOf(data, 4096);
        System.arraycopy(data, 0, expected, 2040, 2048);
        assertArrayEquals(expected, fx.read(f, 0, 4096));
    }

    @Test
    void extendsTheTargetAndLeavesZerosBeforeAnOffsetTarget() {
        Open src = fx.open("src", CopyFixture.ALL);
        Open dst = fx.open("dst", CopyFixture.ALL);
        byte[] data = CopyFixture.pattern(4096, 3);
        fx.write(src, 0, data);
        assertTrue(copy.copy(src, dst, List.of(new CopyChunk(0, 4096, 4096), new CopyChunk(0, 8192, 48)), true).complete());
        assertEquals(8192 + 48, fx.files.attributes(dst).size());
        assertArrayEquals(new byte[4096], fx.read(dst, 0, 4096));
        assertArrayEquals(data, fx.read(dst, 4096, 4096));
    }

    @Test
    void aChunkPastTheSourceEndStopsTheCopyAfterTheChunksBefore() {
        Open src = fx.open("src", CopyFixture.ALL);
        Open dst = fx.open("dst", CopyFixture.ALL);
        fx.write(src, 0, CopyFixture.pattern(8192, 4));
        CopyOutcome out = copy.copy(src, dst, List.of(new CopyChunk(0, 0, 4096), new CopyChunk(4096, 4096, 8192)), true);
        assertEquals(1, out.chunksWritten());
        assertEquals(4096, out.bytesWritten());
        assertEquals(FileServiceError.RANGE_BEYOND_END, out.failure().error());
        assertEquals(4096, fx.files.attributes(dst).size());
        CopyOutcome negative = copy.copy(src, dst, List.of(new CopyChunk(-1, 0, 10)), true);
        assertEquals(FileServiceError.INVALID_PARAMETER, negative.failure().error());
    }

    @Test
    void needsReadOnTheSourceAndWriteAndForCopyChunkReadOnTheTarget() {
        fx.write(fx.open("src", CopyFixture.ALL), 0, CopyFixture.pattern(100, 5));
        List<CopyChunk> one = List.of(new CopyChunk(0, 0, 100));
        Open execOnly = fx.open("src", AccessMask.FILE_EXECUTE | AccessMask.FILE_READ_ATTRIBUTES);
        assertTrue(copy.copy(execOnly, fx.open("d1", CopyFixture.ALL), one, true).complete());
        assertDenied(() -> copy.copy(fx.open("src", AccessMask.FILE_READ_ATTRIBUTES), fx.open("d2", CopyFixture.ALL), one, true));
        Open src = fx.open("src", AccessMask.FILE_READ_DATA);
        int noWrite = CopyFixture.ALL & ~(AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA);
        assertDenied(() -> copy.copy(src, fx.open("d3", noWrite), one, true));
        Open writeOnly = fx.open("d4", CopyFixture.ALL & ~AccessMask.FILE_READ_DATA);
        assertDenied(() -> copy.copy(src, writeOnly, one, true));
        assertTrue(copy.copy(src, writeOnly, one, false).complete());
    }

    private static void assertDenied(Runnable r) {
        assertEquals(FileServiceError.ACCESS_DENIED, assertThrows(FileServiceException.class, r::run).error());
    }

    @Test
    void byteRangeLocksOfOtherOpensOnEitherFileStopTheCopy() {
        Open src = fx.open("src", CopyFixture.ALL);
        Open dst = fx.open("dst", CopyFixture.ALL);
        fx.write(src, 0, CopyFixture.pattern(4096, 6));
        Open locker = fx.open("src", CopyFixture.ALL);
        fx.files.lock(locker, List.of(new LockRequest(0, 4096, true)));
        CopyOutcome locked = copy.copy(src, dst, List.of(new CopyChunk(0, 0, 4096)), true);
        assertEquals(new CopyOutcome(0, 0, locked.failure()), locked);
        assertEquals(FileServiceError.LOCK_CONFLICT, locked.failure().error());
        fx.files.unlock(locker, 0, 4096);
        Open destLocker = fx.open("dst", CopyFixture.ALL);
        fx.files.lock(destLocker, List.of(new LockRequest(0, 4096, true)));
        assertEquals(FileServiceError.LOCK_CONFLICT,
                copy.copy(src, dst, List.of(new CopyChunk(0, 0, 4096)), true).failure().error());
        fx.files.unlock(destLocker, 0, 4096);
        assertNull(copy.copy(src, dst, List.of(new CopyChunk(0, 0, 4096)), true).failure());
    }

    @Test
    void limitsRefuseTooManyTooBigAndEmptyChunks() {
        CopyLimits l = CopyLimits.DEFAULT;
        assertFalse(l.allow(List.of(new CopyChunk(0, 0, 0))));
        assertFalse(l.allow(List.of(new CopyChunk(0, 0, MIB + 1))));
        assertFalse(l.allow(java.util.Collections.nCopies(257, new CopyChunk(0, 0, 1))));
        assertFalse(l.allow(java.util.Collections.nCopies(17, new CopyChunk(0, 0, MIB))));
        assertTrue(l.allow(java.util.Collections.nCopies(256, new CopyChunk(0, 0, 65_536))));
        assertTrue(l.allow(List.of()));
    }
}
