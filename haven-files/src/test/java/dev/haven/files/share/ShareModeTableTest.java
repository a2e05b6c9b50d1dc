package dev.haven.files.share;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.ShareAccess;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShareModeTableTest {
    private static final FileKey FILE = new FileKey(1, 42);
    private static final FileKey OTHER = new FileKey(1, 43);

    /** Access masks that exercise every data-access bit alone, in pairs, none, and non-data bits. */
    private static final List<Integer> ACCESSES = List.of(
            AccessMask.FILE_READ_ATTRIBUTES,
            AccessMask.FILE_READ_DATA,
            AccessMask.FILE_EXECUTE,
            AccessMask.FILE_WRITE_DATA,
            AccessMask.FILE_APPEND_DATA,
            AccessMask.DELETE,
            AccessMask.FILE_READ_DATA | AccessMask.FILE_WRITE_DATA,
            AccessMask.FILE_READ_DATA | AccessMask.DELETE,
            AccessMask.FILE_WRITE_DATA | AccessMask.DELETE,
            AccessMask.FILE_ALL_ACCESS,
            AccessMask.READ_CONTROL | AccessMask.WRITE_DAC | AccessMask.FILE_WRITE_ATTRIBUTES);

    private final ShareModeTable table = new ShareModeTable();

    /**
     * The [MS-FSA] 2.1.5.1.2.2 rule written out as the spec states it: only if both opens hold some
     * data access, and then a conflict if either open's share access leaves out what the other uses.
     */
    private static boolean specConflict(int access1, int share1, int access2, int share2) {
        int data = AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE | AccessMask.FILE_WRITE_DATA
                | AccessMask.FILE_APPEND_DATA | AccessMask.DELETE;
        if ((access1 & data) == 0 || (access2 & data) == 0) {
            return false;
        }
        return denies(share1, access2) || denies(share2, access1);
    }

    private static boolean denies(int share, int access) {
        boolean reads = (access & (AccessMask.FILE_READ_DATA | AccessMask.FILE_EXECUTE)) != 0;
        boolean writes = (access & (AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA)) != 0;
        boolean deletes = (access & AccessMask.DELETE) != 0;
        return (reads && (share & ShareAccess.FILE_SHARE_READ) == 0)
                || (writes && (share & ShareAccess.FILE_SHARE_WRITE) == 0)
                || (deletes && (share & ShareAccess.FILE_SHARE_DELETE) == 0);
    }

    @Test
    void everyAccessAndShareCombinationOfTwoOpensFollowsTheSpecRule() {
        int checked = 0;
        for (int a1 : ACCESSES) {
            for (int s1 = 0; s1 < 8; s1++) {
                for (int a2 : ACCESSES) {
                    for (int s2 = 0; s2 < 8; s2++) {
                        ShareModeTable t = new ShareModeTable();
                        OpenId first = OpenId.random();
                        t.open(FILE, first, AccessMask.of(a1), ShareAccess.of(s1), false);
                        boolean expectConflict = specConflict(a1, s1, a2, s2);
                        String what = String.format("first 0x%x/%d then 0x%x/%d", a1, s1, a2, s2);
                        int access2 = a2;
                        int share2 = s2;
                        if (expectConflict) {
                            FileServiceException e = assertThrows(FileServiceException.class,
                                    () -> t.open(FILE, OpenId.random(), AccessMask.of(access2), ShareAccess.of(share2), false), what);
                            assertEquals(FileServiceError.SHARING_VIOLATION, e.error(), what);
                            assertEquals(1, t.opensOf(FILE).size(), what);
                        } else {
                            t.open(FILE, OpenId.random(), AccessMask.of(a2), ShareAccess.of(s2), false);
                            assertEquals(2, t.opensOf(FILE).size(), what);
                        }
                        checked++;
                    }
                }
            }
        }
        assertEquals(ACCESSES.size() * ACCESSES.size() * 64, checked);
    }

    @ParameterizedTest(name = "{0}/{1} then {2}/{3} -> {4}")
    @CsvSource({
        // access1, share1, access2, share2, expected
        "R,   R,   R,  R,   ok",
        "R,   R,   W,  RW,  SHARING_VIOLATION", // first does not share write
        "RW,  RW,  R,  R,   SHARING_VIOLATION", // second does not share write with the first writer
        "R,   -,   A,  RWD, ok",                // attribute-only opens never conflict
        "D,   RW,  D,  RWD, SHARING_VIOLATION", // delete not shared
        "D,   RWD, R,  RWD, ok",
        "X,   W,   R,  RWD, SHARING_VIOLATION", // execute counts as read
        "P,   R,   W,  RWD, SHARING_VIOLATION", // append counts as write
        "A,   -,   RW, -,   ok",
    })
    void namedShareCases(String a1, String s1, String a2, String s2, String expected) {
        table.open(FILE, OpenId.random(), access(a1), share(s1), false);
        if (expected.equals("ok")) {
            table.open(FILE, OpenId.random(), access(a2), share(s2), false);
        } else {
            FileServiceException e = assertThrows(FileServiceException.class,
                    () -> table.open(FILE, OpenId.random(), access(a2), share(s2), false));
            assertEquals(FileServiceError.valueOf(expected), e.error());
        }
    }

    private static AccessMask access(String s) {
        int bits = 0;
        for (char c : s.toCharArray()) {
            bits |= switch (c) {
                case 'R' -> AccessMask.FILE_READ_DATA;
                case 'W' -> AccessMask.FILE_WRITE_DATA;
                case 'P' -> AccessMask.FILE_APPEND_DATA;
                case 'X' -> AccessMask.FILE_EXECUTE;
                case 'D' -> AccessMask.DELETE;
                case 'A' -> AccessMask.FILE_READ_ATTRIBUTES;
                default -> throw new IllegalArgumentException(s);
            };
        }
        return AccessMask.of(bits);
    }

    private static ShareAccess share(String s) {
        int bits = 0;
        for (char c : s.toCharArray()) {
            bits |= switch (c) {
                case 'R' -> ShareAccess.FILE_SHARE_READ;
                case 'W' -> ShareAccess.FILE_SHARE_WRITE;
                case 'D' -> ShareAccess.FILE_SHARE_DELETE;
                case '-' -> 0;
                default -> throw new IllegalArgumentException(s);
            };
        }
        return ShareAccess.of(bits);
    }

    @Test
    void genericAccessBitsCountAsTheDataAccessTheyMapTo() {
        table.open(FILE, OpenId.random(), AccessMask.of(AccessMask.GENERIC_WRITE), share("RD"), false);
        FileServiceException e = assertThrows(FileServiceException.class,
                () -> table.open(FILE, OpenId.random(), AccessMask.of(AccessMask.GENERIC_ALL), share("RWD"), false));
        assertEquals(FileServiceError.SHARING_VIOLATION, e.error());
        table.open(FILE, OpenId.random(), AccessMask.of(AccessMask.GENERIC_READ), share("RWD"), false);
    }

    @Test
    void closingTheConflictingOpenAdmitsTheNextOne() {
        OpenId first = OpenId.random();
        table.open(FILE, first, access("RW"), share("-"), false);
        assertThrows(FileServiceException.class, () -> table.open(FILE, OpenId.random(), access("R"), share("RWD"), false));
        assertFalse(table.close(first).unlink());
        table.open(FILE, OpenId.random(), access("R"), share("RWD"), false);
    }

    @Test
    void opensOfDifferentFilesNeverConflict() {
        table.open(FILE, OpenId.random(), access("RWD"), share("-"), false);
        table.open(OTHER, OpenId.random(), access("RWD"), share("-"), false);
    }

    @Test
    void deleteOnCloseNeedsDeleteAccess() {
        FileServiceException e = assertThrows(FileServiceException.class,
                () -> table.open(FILE, OpenId.random(), access("RW"), share("RWD"), true));
        assertEquals(FileServiceError.ACCESS_DENIED, e.error());
        assertTrue(table.opensOf(FILE).isEmpty());
    }

    @Test
    void lastCloseOfDeleteOnCloseFileTellsTheCallerToUnlink() {
        OpenId doc = OpenId.random();
        OpenId reader = OpenId.random();
        table.open(FILE, doc, access("RD"), share("RWD"), true);
        table.open(FILE, reader, access("R"), share("RWD"), false);
        CloseResult first = table.close(doc);
        assertFalse(first.unlink(), "another open remains");
        assertTrue(table.isDeletePending(FILE));
        CloseResult last = table.close(reader);
        assertTrue(last.unlink());
        assertEquals(FILE, last.file());
        assertFalse(table.isDeletePending(FILE), "state is gone once the file is unlinked");
    }

    @Test
    void openOfDeletePendingFileFailsWithDeletePending() {
        OpenId doc = OpenId.random();
        table.open(FILE, doc, access("D"), share("RWD"), true);
        table.open(FILE, OpenId.random(), access("R"), share("RWD"), false);
        table.close(doc);
        FileServiceException e = assertThrows(FileServiceException.class,
                () -> table.open(FILE, OpenId.random(), access("A"), share("RWD"), false));
        assertEquals(FileServiceError.DELETE_PENDING, e.error());
    }

    @Test
    void dispositionCanBeSetAndClearedByAnOpenWithDeleteAccess() {
        OpenId deleter = OpenId.random();
        table.open(FILE, deleter, access("D"), share("RWD"), false);
        table.setDeletePending(deleter, true);
        assertTrue(table.isDeletePending(FILE));
        table.setDeletePending(deleter, false);
        assertFalse(table.isDeletePending(FILE));
        table.setDeletePending(deleter, true);
        assertTrue(table.close(deleter).unlink());
    }

    @Test
    void dispositionWithoutDeleteAccessIsDenied() {
        OpenId reader = OpenId.random();
        table.open(FILE, reader, access("R"), share("RWD"), false);
        FileServiceException e = assertThrows(FileServiceException.class, () -> table.setDeletePending(reader, true));
        assertEquals(FileServiceError.ACCESS_DENIED, e.error());
    }

    @Test
    void closeOfUnknownOpenFailsWithFileClosed() {
        OpenId open = OpenId.random();
        table.open(FILE, open, access("R"), share("RWD"), false);
        table.close(open);
        FileServiceException e = assertThrows(FileServiceException.class, () -> table.close(open));
        assertEquals(FileServiceError.FILE_CLOSED, e.error());
    }

    @Test
    void rejectedOpenLeavesNoTrace() {
        OpenId open = OpenId.random();
        table.open(FILE, OpenId.random(), access("R"), share("-"), false);
        assertThrows(FileServiceException.class, () -> table.open(FILE, open, access("R"), share("RWD"), false));
        assertTrue(table.find(open).isEmpty());
        table.open(OTHER, open, access("R"), share("RWD"), false);
    }

    @Test
    void rejectsUnknownShareBits() {
        FileServiceException e = assertThrows(FileServiceException.class, () -> ShareAccess.of(0x8));
        assertEquals(FileServiceError.INVALID_PARAMETER, e.error());
    }

    @Test
    void genericAccessMapsToFileRights() {
        AccessMask m = AccessMask.of(AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE).mapGeneric();
        assertTrue(m.canRead());
        assertTrue(m.canWrite());
        assertFalse(m.canDelete());
        assertFalse(m.hasAny(AccessMask.GENERIC_READ | AccessMask.GENERIC_WRITE));
        assertTrue(AccessMask.of(AccessMask.GENERIC_ALL).mapGeneric().hasAll(AccessMask.FILE_ALL_ACCESS));
    }
}
