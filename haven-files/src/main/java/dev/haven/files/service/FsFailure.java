package dev.haven.files.service;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.fs.FsException;

/** The one mapping of {@link dev.haven.fs.FsError} to {@link FileServiceError}. */
final class FsFailure {
    private FsFailure() {
    }

    static FileServiceException of(FsException e) {
        return new FileServiceException(kind(e.error()), e.getMessage());
    }

    static FileServiceError kind(dev.haven.fs.FsError error) {
        return switch (error) {
            case NOT_FOUND, STALE -> FileServiceError.NOT_FOUND;
            case EXISTS -> FileServiceError.EXISTS;
            case NOT_EMPTY -> FileServiceError.NOT_EMPTY;
            case NOT_A_DIRECTORY -> FileServiceError.NOT_A_DIRECTORY;
            case IS_A_DIRECTORY -> FileServiceError.IS_A_DIRECTORY;
            case NO_SPACE -> FileServiceError.NO_SPACE;
            case NAME_INVALID -> FileServiceError.NAME_INVALID;
            case READ_ONLY -> FileServiceError.READ_ONLY;
            case TOO_LARGE -> FileServiceError.FILE_TOO_LARGE;
            case LOOP, INVALID -> FileServiceError.INVALID_PARAMETER;
            case IO_ERROR, CLOSED -> FileServiceError.IO_ERROR;
            case CORRUPT -> FileServiceError.CORRUPT;
        };
    }
}
