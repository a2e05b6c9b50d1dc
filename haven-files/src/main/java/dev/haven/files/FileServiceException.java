package dev.haven.files;

import java.util.Objects;

/** The one exception the file service throws for an expected, per-request failure; carries its kind. */
public final class FileServiceException extends RuntimeException {
    private final FileServiceError error;

    /** Creates an exception of the given kind with a message for logs (never sent to clients). */
    public FileServiceException(FileServiceError error, String message) {
        super(error + ": " + message, null, false, false);
        this.error = Objects.requireNonNull(error, "error");
    }

    /** The kind of failure, which the front-end maps to its wire status. */
    public FileServiceError error() {
        return error;
    }
}
