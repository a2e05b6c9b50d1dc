package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.FileServiceError;
import dev.haven.smb.wire.NtStatus;
import org.junit.jupiter.api.Test;

/** The FileServiceError -> NTSTATUS table is complete and maps every kind to a failure status. */
class FileServiceStatusTest {
    @Test
    void mapsEveryKindToANamedErrorStatus() {
        for (FileServiceError e : FileServiceError.values()) {
            NtStatus s = FileServiceStatus.of(e);
            // Error severity, or warning severity where [MS-ERREF] 2.3 defines the status so
            // (STATUS_INVALID_EA_NAME is 0x80000013): never success or informational.
            assertTrue((s.code() >>> 30) >= 2, e + " -> " + s);
            assertTrue(s.name().startsWith("STATUS_"), e + " -> " + s);
        }
    }

    @Test
    void mapsTheFileSystemKindsToTheStatusesClientsExpect() {
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, FileServiceStatus.of(FileServiceError.NOT_FOUND));
        assertEquals(NtStatus.OBJECT_PATH_NOT_FOUND, FileServiceStatus.of(FileServiceError.PATH_NOT_FOUND));
        assertEquals(NtStatus.OBJECT_NAME_COLLISION, FileServiceStatus.of(FileServiceError.EXISTS));
        assertEquals(NtStatus.DIRECTORY_NOT_EMPTY, FileServiceStatus.of(FileServiceError.NOT_EMPTY));
        assertEquals(NtStatus.SHARING_VIOLATION, FileServiceStatus.of(FileServiceError.SHARING_VIOLATION));
        assertEquals(NtStatus.DISK_FULL, FileServiceStatus.of(FileServiceError.NO_SPACE));
    }
}
