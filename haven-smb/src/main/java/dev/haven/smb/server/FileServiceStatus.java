package dev.haven.smb.server;

import dev.haven.files.FileServiceError;
import dev.haven.smb.wire.NtStatus;

/** The one table from file-service errors to NTSTATUS ([MS-ERREF] 2.3; the kinds name their status). */
final class FileServiceStatus {
    private FileServiceStatus() {
    }

    static NtStatus of(FileServiceError error) {
        return switch (error) {
            case SHARING_VIOLATION -> NtStatus.SHARING_VIOLATION;
            case DELETE_PENDING -> NtStatus.DELETE_PENDING;
            case LOCK_NOT_GRANTED -> NtStatus.LOCK_NOT_GRANTED;
            case LOCK_CONFLICT -> NtStatus.FILE_LOCK_CONFLICT;
            case RANGE_NOT_LOCKED -> NtStatus.RANGE_NOT_LOCKED;
            case INVALID_LOCK_RANGE -> NtStatus.INVALID_LOCK_RANGE;
            case CANCELLED -> NtStatus.CANCELLED;
            case ACCESS_DENIED -> NtStatus.ACCESS_DENIED;
            case CANNOT_DELETE -> NtStatus.CANNOT_DELETE;
            case INVALID_PARAMETER -> NtStatus.INVALID_PARAMETER;
            case FILE_CLOSED -> NtStatus.FILE_CLOSED;
            case OPLOCK_NOT_BREAKING -> NtStatus.INVALID_OPLOCK_PROTOCOL; // as Samba and smb2.oplock.levelii502 expect
            case INVALID_OPLOCK_PROTOCOL -> NtStatus.INVALID_OPLOCK_PROTOCOL;
            case LEASE_NOT_BREAKING -> NtStatus.UNSUCCESSFUL;
            case LEASE_STATE_NOT_ACCEPTED -> NtStatus.REQUEST_NOT_ACCEPTED;
            case LEASE_NOT_FOUND, NOT_FOUND -> NtStatus.OBJECT_NAME_NOT_FOUND;
            case PATH_NOT_FOUND -> NtStatus.OBJECT_PATH_NOT_FOUND;
            case EXISTS -> NtStatus.OBJECT_NAME_COLLISION;
            case NOT_EMPTY -> NtStatus.DIRECTORY_NOT_EMPTY;
            case NOT_A_DIRECTORY -> NtStatus.NOT_A_DIRECTORY;
            case IS_A_DIRECTORY -> NtStatus.FILE_IS_A_DIRECTORY;
            case NO_SPACE -> NtStatus.DISK_FULL;
            case NAME_INVALID -> NtStatus.OBJECT_NAME_INVALID;
            case READ_ONLY -> NtStatus.MEDIA_WRITE_PROTECTED;
            case FILE_TOO_LARGE -> NtStatus.FILE_TOO_LARGE;
            case INVALID_EA_NAME -> NtStatus.INVALID_EA_NAME;
            case EA_TOO_LARGE -> NtStatus.EA_TOO_LARGE;
            case RANGE_BEYOND_END -> NtStatus.INVALID_VIEW_SIZE;
            case IO_ERROR -> NtStatus.UNEXPECTED_IO_ERROR;
            case CORRUPT -> NtStatus.FILE_CORRUPT_ERROR;
            case INSUFFICIENT_RESOURCES -> NtStatus.INSUFFICIENT_RESOURCES;
            case NOT_SUPPORTED -> NtStatus.NOT_SUPPORTED;
        };
    }
}
