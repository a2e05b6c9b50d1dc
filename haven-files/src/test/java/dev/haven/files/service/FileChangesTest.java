package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.notify.NotifyAction;
import dev.haven.files.notify.NotifyChange;
import dev.haven.files.notify.NotifyFilter;
import dev.haven.files.notify.NotifyOutcome;
import dev.haven.files.notify.Watch;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Change notification through the file service: what each operation publishes, and to which watches. */
class FileChangesTest {
    private static final AccessMask ALL = AccessMask.of(AccessMask.FILE_ALL_ACCESS);
    private static final Principal USER = new Principal("user");
    private static final NotifyFilter NAME = NotifyFilter.FILE_NAME.or(NotifyFilter.DIR_NAME);
    private static final OpenOptions DIRECTORY = new OpenOptions(true, false, false, false);

    private final MemoryShare data = MemoryShare.format();
    private final FileService service = new FileService();

    @AfterEach
    void unmount() throws Exception {
        data.close();
    }

    private Open open(String p, CreateDisposition d, OpenOptions o, AccessMask access) {
        return service.open(data.share(), SharePath.parse(p, '/'), d, o, access, ShareAccess.ALL, USER).open();
    }

    private Open mkdir(String p) {
        return open(p, CreateDisposition.CREATE, DIRECTORY, ALL);
    }

    private Open create(String p) {
        return open(p, CreateDisposition.CREATE, OpenOptions.NONE, ALL);
    }

    private Watch watch(Open dir, NotifyFilter filter, boolean tree) {
        return service.changes().watch(dir, filter, tree, 4096);
    }

    private static NotifyOutcome changes(NotifyChange... c) {
        return new NotifyOutcome.Changes(List.of(c));
    }

    private static NotifyChange change(NotifyAction a, String name) {
        return new NotifyChange(a, name);
    }

    @Test
    void createIsAddedWithTheNameInTheWatchedDirectory() {
        Open dir = mkdir("d");
        CompletableFuture<NotifyOutcome> f = watch(dir, NAME, false).next(4096);
        service.close(create("d/file.txt"));
        assertEquals(changes(change(NotifyAction.ADDED, "file.txt")), f.join());
    }

    @Test
    void treeWatchNamesChangesRelativeToTheWatchedDirectory() {
        Open top = mkdir("top");
        service.close(mkdir("top/a"));
        service.close(mkdir("top/a/b"));
        Watch tree = watch(top, NAME, true);
        Open a = open("top/a", CreateDisposition.OPEN, DIRECTORY, ALL);
        Watch flat = watch(a, NAME, false);
        service.close(create("top/a/b/deep.txt"));
        assertEquals(changes(change(NotifyAction.ADDED, "a\\b\\deep.txt")), tree.next(4096).join());
        assertFalse(flat.next(4096).isDone(), "a flat watch sees only its own entries");
    }

    @Test
    void aFlatWatchDoesNotSeeItsSubdirectories() {
        Open dir = mkdir("d");
        service.close(mkdir("d/sub"));
        Watch w = watch(dir, NAME, false);
        service.close(create("d/sub/x"));
        assertFalse(w.next(4096).isDone());
    }

    @Test
    void renameInOneDirectoryIsAnOldNewPair() {
        service.close(mkdir("d"));
        // A rename shares the parent only with opens that do not hold DELETE: watch through a listing open.
        Open dir = open("d", CreateDisposition.OPEN, DIRECTORY, AccessMask.of(AccessMask.FILE_READ_DATA));
        Open f = create("d/old");
        Watch w = watch(dir, NAME, false);
        service.rename(f, SharePath.parse("d/new", '/'), false);
        assertEquals(changes(change(NotifyAction.RENAMED_OLD_NAME, "old"), change(NotifyAction.RENAMED_NEW_NAME, "new")),
                w.next(4096).join());
    }

    @Test
    void moveToAnotherDirectoryIsRemovedThereAndAddedHere() {
        Open top = mkdir("top");
        service.close(mkdir("top/x"));
        service.close(mkdir("top/y"));
        Open f = create("top/x/f");
        Watch tree = watch(top, NAME, true);
        service.rename(f, SharePath.parse("top/y/f", '/'), false);
        assertEquals(changes(change(NotifyAction.REMOVED, "x\\f"), change(NotifyAction.ADDED, "y\\f")),
                tree.next(4096).join());
    }

    @Test
    void deleteOnCloseIsRemoved() {
        Open dir = mkdir("d");
        service.close(create("d/f"));
        Watch w = watch(dir, NAME, false);
        service.close(open("d/f", CreateDisposition.OPEN, new OpenOptions(false, false, true, false), ALL));
        assertEquals(changes(change(NotifyAction.REMOVED, "f")), w.next(4096).join());
    }

    @Test
    void theFilterSelectsTheKindsOfChange() {
        Open dir = mkdir("d");
        Watch w = watch(dir, NotifyFilter.ATTRIBUTES, false);
        Open f = create("d/f");
        service.write(f, 0, ByteBuffer.wrap(new byte[10]), false);
        CompletableFuture<NotifyOutcome> next = w.next(4096);
        assertFalse(next.isDone(), "neither the name nor the size is an attribute");
        service.setBasicInfo(f, new BasicInfo(null, null, null, null, 0x2));
        assertEquals(changes(change(NotifyAction.MODIFIED, "f")), next.join());
    }

    @Test
    void writesAndSizeChangesAreModified() {
        Open dir = mkdir("d");
        Open f = create("d/f");
        Watch w = watch(dir, NotifyFilter.SIZE, false);
        service.write(f, 0, ByteBuffer.wrap(new byte[10]), false);
        service.setEndOfFile(f, 3);
        assertEquals(changes(change(NotifyAction.MODIFIED, "f")), w.next(4096).join());
    }

    @Test
    void changesToTheWatchedDirectoryItselfGoToItsParent() {
        Open dir = mkdir("d");
        Watch w = watch(dir, NotifyFilter.ATTRIBUTES, true);
        service.setBasicInfo(dir, new BasicInfo(null, null, null, null, 0x2));
        assertFalse(w.next(4096).isDone());
    }

    @Test
    void markingTheWatchedDirectoryForDeletionEndsTheWaitingRequest() {
        Open dir = mkdir("d");
        CompletableFuture<NotifyOutcome> f = watch(dir, NAME, false).next(4096);
        Open other = open("d", CreateDisposition.OPEN, DIRECTORY, ALL);
        service.setDeleteOnClose(other, true);
        assertInstanceOf(NotifyOutcome.DeletePending.class, f.join());
    }

    @Test
    void closingADeleteOnCloseOpenOfTheWatchedDirectoryEndsTheWaitingRequest() {
        Open dir = mkdir("d");
        CompletableFuture<NotifyOutcome> f = watch(dir, NAME, false).next(4096);
        service.close(open("d", CreateDisposition.OPEN, new OpenOptions(true, false, true, false), ALL));
        assertInstanceOf(NotifyOutcome.DeletePending.class, f.join());
    }

    @Test
    void closingTheOpenEndsItsWatch() {
        Open dir = mkdir("d");
        CompletableFuture<NotifyOutcome> f = watch(dir, NAME, false).next(4096);
        service.close(dir);
        assertInstanceOf(NotifyOutcome.Cleanup.class, f.join());
    }

    @Test
    void theFirstRequestSetsUpTheWatchForLaterOnes() {
        Open dir = mkdir("d");
        Watch first = watch(dir, NAME, false);
        assertSame(first, service.changes().watch(dir, NotifyFilter.SECURITY, true, 1));
        assertEquals(NAME, first.filter());
    }

    @Test
    void aFileCannotBeWatched() {
        Open f = create("f");
        assertEquals(FileServiceError.INVALID_PARAMETER,
                assertThrows(FileServiceException.class, () -> watch(f, NAME, false)).error());
    }

    @Test
    void watchingNeedsListDirectoryAccess() {
        service.close(mkdir("d"));
        Open dir = open("d", CreateDisposition.OPEN, DIRECTORY, AccessMask.of(AccessMask.FILE_READ_ATTRIBUTES));
        assertEquals(FileServiceError.ACCESS_DENIED,
                assertThrows(FileServiceException.class, () -> watch(dir, NAME, false)).error());
    }

    @Test
    void siblingComponentsReportStreamsAndSecurity() {
        Open dir = mkdir("d");
        Open f = create("d/f");
        Watch w = watch(dir, NotifyFilter.SECURITY.or(NotifyFilter.STREAM_NAME), false);
        service.changes().modified(f, NotifyFilter.SECURITY);
        service.changes().stream(f, "s", NotifyAction.ADDED_STREAM, NotifyFilter.STREAM_NAME);
        assertEquals(changes(change(NotifyAction.MODIFIED, "f"), change(NotifyAction.ADDED_STREAM, "f:s")),
                w.next(4096).join());
    }
}
