package dev.haven.files.service;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;

/**
 * [MS-FSA] 2.1.5.2 and 2.1.5.3: the offsets a read or a write may name, checked before any lock
 * or data is looked at. Files keep to MAXFILESIZE through this service (as through Windows),
 * though HavenFS itself could hold larger ones.
 */
final class IoBounds {
    /** [MS-FSA] 2.1.5.3 MAXFILESIZE: 0xFFFFFFF0000 bytes. */
    static final long MAX_FILE_SIZE = 0xFFFFFFF0000L;

    private IoBounds() {
    }

    /** A read may not start below 0 nor end beyond 2^63 - 1. */
    static void checkRead(long offset, int length) {
        if (offset < 0 || length > 0 && offset > Long.MAX_VALUE - length) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER,
                    "read of " + length + " bytes at " + Long.toUnsignedString(offset));
        }
    }

    /** A write may not start below 0, and one that writes anything may not end beyond MAXFILESIZE. */
    static void checkWrite(long offset, int length) {
        if (offset < 0 || length > 0 && offset > MAX_FILE_SIZE - length) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER,
                    "write of " + length + " bytes at " + Long.toUnsignedString(offset));
        }
    }
}
