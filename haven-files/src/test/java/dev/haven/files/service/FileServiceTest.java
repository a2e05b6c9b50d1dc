package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class FileServiceTest extends FileServiceFixture {
    private static final AccessMask ALL = AccessMask.of(AccessMask.FILE_ALL_ACCESS);
    private static final AccessMask READ = AccessMask.of(AccessMask.FILE_GENERIC_READ);
    private static final Principal USER = new Principal("user");

    private static SharePath path(String p) {
        return SharePath.parse(p, '/');
    }

    private OpenResult open(String p, CreateDisposition d, OpenOptions o, AccessMask access, ShareAccess sa) {
        return service.open(share, path(p), d, o, access, sa, USER);
    }

    private Open create(String p) {
        return open(p, CreateDisposition.CREATE, OpenOptions.NONE, ALL, ShareAccess.ALL).open();
    }

    private Open mkdir(String p) {
        return open(p, CreateDisposition.CREATE, new OpenOptions(true, false, false, false), ALL, ShareAccess.ALL).open();
    }

    private static void assertFails(FileServiceError kind, Executable e) {
        assertEquals(kind, assertThrows(FileServiceException.class, e::execute).error());
    }

    @Test
    void dispositionsGiveTheRightCreateAction() {
        assertEquals(CreateAction.CREATED, open("f", CreateDisposition.OPEN_IF, OpenOptions.NONE, ALL, ShareAccess.ALL).action());
        assertEquals(CreateAction.OPENED, open("f", CreateDisposition.OPEN_IF, OpenOptions.NONE, ALL, ShareAccess.ALL).action());
        assertEquals(CreateAction.OPENED, open("f", CreateDisposition.OPEN, OpenOptions.NONE, ALL, ShareAccess.ALL).action());
        assertEquals(CreateAction.OVERWRITTEN, open("f", CreateDisposition.OVERWRITE, OpenOptions.NONE, ALL, ShareAccess.ALL).action());
        assertEquals(CreateAction.OVERWRITTEN, open("f", CreateDisposition.OVERWRITE_IF, OpenOptions.NONE, ALL, ShareAccess.ALL).action());
        assertEquals(CreateAction.SUPERSEDED, open("f", CreateDisposition.SUPERSEDE, OpenOptions.NONE, ALL, ShareAccess.ALL).action());
        assertEquals(CreateAction.CREATED, open("g", CreateDisposition.SUPERSEDE, OpenOptions.NONE, ALL, ShareAccess.ALL).action());
        assertFails(FileServiceError.EXISTS, () -> create("f"));
        assertFails(FileServiceError.NOT_FOUND, () -> open("h", CreateDisposition.OPEN, OpenOptions.NONE, ALL, ShareAccess.ALL));
        assertFails(FileServiceError.NOT_FOUND, () -> open("h", CreateDisposition.OVERWRITE, OpenOptions.NONE, ALL, ShareAccess.ALL));
    }

    @Test
    void newFilesKeepTheAskedForAttributes() {
        OpenResult r = open("h", CreateDisposition.CREATE, new OpenOptions(false, false, false, false, 0x2 | 0x80), ALL,
                ShareAccess.ALL);
        assertEquals(0x2 | FileAttributes.ARCHIVE, r.attributes().dosAttributes());
    }

    @Test
    void sparseAndCompressedAreNotTakenFromCreate() {
        OpenResult r = open("s", CreateDisposition.CREATE, new OpenOptions(false, false, false, false, 0x200 | 0x800),
                ALL, ShareAccess.ALL);
        assertEquals(FileAttributes.ARCHIVE, r.attributes().dosAttributes());
    }

    @Test
    void overwriteTruncates() {
        Open f = create("f");
        service.write(f, 0, ByteBuffer.wrap(new byte[1000]), false);
        service.close(f);
        OpenResult r = open("f", CreateDisposition.OVERWRITE_IF, OpenOptions.NONE, ALL, ShareAccess.ALL);
        assertEquals(0, r.attributes().size());
    }

    @Test
    void writesAndReadsBackAtOffsets() {
        Open f = create("f");
        byte[] data = new byte[300_000];
        new Random(7).nextBytes(data);
        service.write(f, 5000, ByteBuffer.wrap(data), false);
        ByteBuffer back = ByteBuffer.allocate(data.length);
        while (back.hasRemaining()) {
            int n = service.read(f, 5000 + back.position(), back);
            assertTrue(n > 0);
        }
        assertArrayEquals(data, back.array());
        assertEquals(305_000, service.attributes(f).size());
        assertEquals(0, service.read(f, 305_000, ByteBuffer.allocate(10)));
        service.flush(f);
    }

    @Test
    void offsetsBeyondTheLimitsAreInvalidParameters() {
        Open f = create("f");
        long maxFileSize = 0xFFFFFFF0000L;
        assertFails(FileServiceError.INVALID_PARAMETER, () -> service.read(f, Long.MAX_VALUE, ByteBuffer.allocate(1)));
        assertFails(FileServiceError.INVALID_PARAMETER, () -> service.read(f, -1, ByteBuffer.allocate(0)));
        assertEquals(0, service.read(f, Long.MAX_VALUE - 1, ByteBuffer.allocate(1)), "ends at 2^63 - 1: nothing there");
        assertFails(FileServiceError.INVALID_PARAMETER, () -> service.write(f, Long.MIN_VALUE, ByteBuffer.allocate(0), false));
        assertFails(FileServiceError.INVALID_PARAMETER, () -> service.write(f, maxFileSize, ByteBuffer.allocate(1), false));
        assertEquals(0, service.write(f, Long.MAX_VALUE, ByteBuffer.allocate(0), false), "an empty write is not checked against MAXFILESIZE");
        assertEquals(1, service.write(f, maxFileSize - 1, ByteBuffer.allocate(1), false), "a sparse write may end at MAXFILESIZE");
        assertEquals(maxFileSize, service.attributes(f).size());
    }

    @Test
    void pathsCannotLeaveTheShare() {
        for (String bad : List.of("..", "a/../b", "./a", "a//b", "a/.", "x".repeat(256), "a:b", "a*")) {
            assertFails(FileServiceError.NAME_INVALID, () -> path(bad));
        }
        assertTrue(path("").isRoot());
        assertTrue(path("/").isRoot());
    }

    @Test
    void missingDirectoryOnTheWayIsPathNotFound() {
        create("file");
        assertFails(FileServiceError.PATH_NOT_FOUND, () -> create("nodir/f"));
        assertFails(FileServiceError.PATH_NOT_FOUND, () -> create("file/f"));
        mkdir("d");
        create("d/f");
        assertFails(FileServiceError.NOT_A_DIRECTORY,
                () -> open("d/f", CreateDisposition.OPEN, new OpenOptions(true, false, false, false), ALL, ShareAccess.ALL));
        assertFails(FileServiceError.IS_A_DIRECTORY,
                () -> open("d", CreateDisposition.OPEN, new OpenOptions(false, true, false, false), ALL, ShareAccess.ALL));
    }

    @Test
    void namesMatchCaseInsensitivelyWhenTheFileSystemSaysSo() {
        create("Readme.TXT");
        assertEquals(CreateAction.OPENED,
                open("README.txt", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL).action());
    }

    @Test
    void shareModesRefuseConflictingOpens() {
        open("f", CreateDisposition.CREATE, OpenOptions.NONE, ALL, ShareAccess.NONE);
        assertFails(FileServiceError.SHARING_VIOLATION,
                () -> open("f", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL));
    }

    @Test
    void deleteOnCloseUnlinksAtLastClose() {
        Open first = create("f");
        Open second = open("f", CreateDisposition.OPEN, new OpenOptions(false, false, true, false), ALL, ShareAccess.ALL).open();
        service.close(second);
        assertFails(FileServiceError.DELETE_PENDING,
                () -> open("f", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL));
        assertTrue(service.attributes(first).deletePending());
        service.close(first);
        assertFails(FileServiceError.NOT_FOUND, () -> open("f", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL));
        assertEquals(0, service.openCount());
    }

    @Test
    void dispositionOfANonEmptyDirectoryIsRefused() {
        Open d = mkdir("d");
        Open f = create("d/f");
        assertFails(FileServiceError.NOT_EMPTY, () -> service.setDeleteOnClose(d, true));
        service.setDeleteOnClose(f, true);
        service.close(f);
        service.setDeleteOnClose(d, true);
        service.close(d);
        assertFails(FileServiceError.NOT_FOUND, () -> open("d", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL));
    }

    @Test
    void closeSucceedsWhenAMarkedDirectoryGainedEntries() {
        Open d = mkdir("d");
        service.setDeleteOnClose(d, true);
        service.close(create("d/late")); // the directory gains an entry after it was marked
        service.close(d);
        assertEquals(CreateAction.OPENED, open("d", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL).action());
    }

    @Test
    void renameMovesAndReplacesOnlyWhenAsked() {
        Open a = create("a");
        service.close(create("b"));
        mkdir("d");
        assertFails(FileServiceError.EXISTS, () -> service.rename(a, path("b"), false));
        service.rename(a, path("b"), true);
        service.rename(a, path("d/c"), false);
        service.setDeleteOnClose(a, true);
        service.close(a);
        assertFails(FileServiceError.NOT_FOUND, () -> open("d/c", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL));
        assertFails(FileServiceError.NOT_FOUND, () -> open("b", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL));
    }

    @Test
    void renameRefusesAnOpenTarget() {
        Open a = create("a");
        create("b");
        assertFails(FileServiceError.ACCESS_DENIED, () -> service.rename(a, path("b"), true));
    }

    @Test
    void renameIsASharingViolationWhileTheParentIsOpenForDeleteOrWithoutSharingDelete() {
        AccessMask noDelete = AccessMask.of(AccessMask.FILE_GENERIC_READ);
        OpenOptions dir = new OpenOptions(true, false, false, false);
        service.close(mkdir("d"));
        Open f = create("d/f");
        Open withDelete = open("d", CreateDisposition.OPEN, dir, ALL, ShareAccess.ALL).open();
        assertFails(FileServiceError.SHARING_VIOLATION, () -> service.rename(f, path("d/g"), false));
        service.close(withDelete);
        Open notSharingDelete = open("d", CreateDisposition.OPEN, dir, noDelete, ShareAccess.of(ShareAccess.FILE_SHARE_READ)).open();
        assertFails(FileServiceError.SHARING_VIOLATION, () -> service.rename(f, path("d/g"), false));
        service.close(notSharingDelete);
        Open harmless = open("d", CreateDisposition.OPEN, dir, noDelete, ShareAccess.ALL).open();
        service.rename(f, path("d/g"), false);
        service.close(harmless);
        // smbtorture smb2.rename.msword: an attributes-only open sharing nothing takes no part.
        Open attributesOnly = open("d", CreateDisposition.OPEN, dir,
                AccessMask.of(AccessMask.FILE_READ_ATTRIBUTES), ShareAccess.of(0)).open();
        service.rename(f, path("d/h"), false);
        service.close(attributesOnly);
    }

    @Test
    void aDirectoryCannotBeMadeTemporary() {
        // smbtorture smb2.create.dosattr_tmp_dir
        Open d = mkdir("d");
        assertFails(FileServiceError.INVALID_PARAMETER, () -> service.setBasicInfo(d,
                new BasicInfo(null, null, null, null, FileAttributes.TEMPORARY)));
        service.setBasicInfo(create("f"), new BasicInfo(null, null, null, null, FileAttributes.TEMPORARY));
    }

    @Test
    void aDirectoryWithAnOpenChildCannotBeRenamed() {
        Open d = mkdir("d");
        Open f = create("d/f");
        assertFails(FileServiceError.ACCESS_DENIED, () -> service.rename(d, path("e"), false));
        service.close(f);
        service.rename(d, path("e"), false);
    }

    @Test
    void hardLinkCountsLinks() {
        Open a = create("a");
        service.link(a, path("b"), false);
        assertEquals(2, service.attributes(a).linkCount());
        assertFails(FileServiceError.EXISTS, () -> service.link(a, path("b"), false));
    }

    @Test
    void listsEntriesWithAttributes() {
        mkdir("d");
        for (int i = 0; i < 50; i++) {
            service.close(create("d/f" + i));
        }
        Open d = open("d", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL).open();
        long cookie = 0;
        int seen = 0;
        DirectoryPage p;
        do {
            p = service.list(d, cookie, 7);
            seen += p.entries().size();
            cookie = p.cookie();
        } while (!p.end());
        assertEquals(50, seen);
        assertEquals(FileAttributes.DIRECTORY, service.attributes(d).dosAttributes() & FileAttributes.DIRECTORY);
    }

    @Test
    void readOnlyShareRefusesChanges() {
        service.close(create("f"));
        Share ro = Share.of("ro", fs, true);
        assertFails(FileServiceError.ACCESS_DENIED,
                () -> service.open(ro, path("g"), CreateDisposition.CREATE, OpenOptions.NONE, READ, ShareAccess.ALL, USER));
        assertFails(FileServiceError.ACCESS_DENIED,
                () -> service.open(ro, path("f"), CreateDisposition.OPEN, OpenOptions.NONE, ALL, ShareAccess.ALL, USER));
        Open f = service.open(ro, path("f"), CreateDisposition.OPEN, OpenOptions.NONE,
                AccessMask.of(AccessMask.MAXIMUM_ALLOWED), ShareAccess.ALL, USER).open();
        assertFalse(f.granted().canWrite());
        assertFails(FileServiceError.ACCESS_DENIED, () -> service.write(f, 0, ByteBuffer.allocate(1), false));
    }

    @Test
    void readNeedsReadAccessAndWriteNeedsWriteAccess() {
        service.close(create("f"));
        Open r = open("f", CreateDisposition.OPEN, OpenOptions.NONE, READ, ShareAccess.ALL).open();
        assertFails(FileServiceError.ACCESS_DENIED, () -> service.write(r, 0, ByteBuffer.allocate(1), false));
        Open d = mkdir("d");
        assertFails(FileServiceError.IS_A_DIRECTORY, () -> service.read(d, 0, ByteBuffer.allocate(1)));
    }

    @Test
    void byteRangeLocksBlockOtherOpensIo() {
        Open a = create("f");
        Open b = open("f", CreateDisposition.OPEN, OpenOptions.NONE, ALL, ShareAccess.ALL).open();
        service.write(a, 0, ByteBuffer.allocate(100), false);
        service.lock(a, List.of(new LockRequest(0, 10, true)));
        assertFails(FileServiceError.LOCK_CONFLICT, () -> service.write(b, 5, ByteBuffer.allocate(1), false));
        assertFails(FileServiceError.LOCK_NOT_GRANTED, () -> service.lock(b, List.of(new LockRequest(0, 1, false))));
        service.unlock(a, 0, 10);
        service.write(b, 5, ByteBuffer.allocate(1), false);
        assertFails(FileServiceError.RANGE_NOT_LOCKED, () -> service.unlock(a, 0, 10));
    }

    @Test
    void setInfoChangesTimesAttributesAndSize() {
        Open f = create("f");
        FileAttributes after = service.setBasicInfo(f, new BasicInfo(1L, 2L, 3L, 4L, 0x2));
        assertEquals(1L, after.creationTime());
        assertEquals(3L, after.lastWriteTime());
        assertEquals(0x2, after.dosAttributes());
        service.setEndOfFile(f, 12345);
        assertEquals(12345, service.attributes(f).size());
        service.setAllocationSize(f, 100);
        assertEquals(100, service.attributes(f).size());
    }

    @Test
    void allocationSizeAboveTheDataIsReportedInWholeBlocksUntilTheLastClose() {
        Open f = create("alloc");
        Open g = open("alloc", CreateDisposition.OPEN, OpenOptions.NONE, ALL, ShareAccess.ALL).open();
        int block = fs.blockSize();
        service.setAllocationSize(f, block + 1);
        assertEquals(0, service.attributes(f).size());
        assertEquals(2L * block, service.attributes(g).allocationSize(), "every open of the file sees it");
        service.write(f, 0, ByteBuffer.allocate(3 * block), false);
        assertEquals(3L * block, service.attributes(f).allocationSize(), "the data outgrew it");
        service.close(f);
        service.setEndOfFile(g, 1);
        assertEquals(block, service.attributes(g).allocationSize());
        service.setAllocationSize(g, 5L * block);
        assertEquals(5L * block, service.attributes(g).allocationSize());
        service.close(g);
        Open again = open("alloc", CreateDisposition.OPEN, OpenOptions.NONE, ALL, ShareAccess.ALL).open();
        assertEquals(block, service.attributes(again).allocationSize(), "the last close dropped the unused allocation");
    }

    @Test
    void closedOpenIsRefused() {
        Open f = create("f");
        service.close(f);
        assertFails(FileServiceError.FILE_CLOSED, () -> service.close(f));
        assertFails(FileServiceError.FILE_CLOSED, () -> service.attributes(f));
    }

    @Test
    void statfsReportsTheVolume() {
        VolumeInfo v = service.statfs(share);
        assertEquals(fs.fsId(), v.fsId());
        assertTrue(v.freeBlocks() > 0 && v.freeBlocks() <= v.totalBlocks());
    }

    @Test
    void eachMountOfOneFileSystemKeepsItsOwnShareModesAndLocks() throws Exception {
        // A writable snapshot view has production's file-system id but other files: an open or a
        // lock there must not conflict with production's (and the reverse).
        MemoryBlockDevice device = new MemoryBlockDevice("prod", 4096, 16384);
        try (HavenFs prod = HavenFs.format(device, new FormatOptions(true, java.time.Clock.systemUTC()))) {
            Share production = Share.of("data", prod, false);
            service.close(service.open(production, path("f"), CreateDisposition.CREATE, OpenOptions.NONE, ALL,
                    ShareAccess.ALL, USER).open());
            prod.sync();
            try (HavenFs view = HavenFs.mount(device.copy("view"))) {
                assertEquals(prod.fsId(), view.fsId());
                Share snapshot = Share.of("snap", view, false);
                Open a = service.open(production, path("f"), CreateDisposition.OPEN, OpenOptions.NONE, ALL,
                        ShareAccess.NONE, USER).open();
                Open b = service.open(snapshot, path("f"), CreateDisposition.OPEN, OpenOptions.NONE, ALL,
                        ShareAccess.NONE, USER).open();
                service.lock(a, List.of(new LockRequest(0, 100, true)));
                service.lock(b, List.of(new LockRequest(0, 100, true)));
                service.close(a);
                service.close(b);
            }
        }
    }
}
