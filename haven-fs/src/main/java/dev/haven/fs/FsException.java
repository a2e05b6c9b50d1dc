package dev.haven.fs;

import java.io.IOException;
import java.util.Objects;

/** The one exception HavenFS throws; {@link #error()} says which kind. */
public final class FsException extends IOException {
    private final FsError error;

    /** An error of {@code error} kind with a message for people. */
    public FsException(FsError error, String message) {
        super(error + ": " + message);
        this.error = Objects.requireNonNull(error);
    }

    /** An error of {@code error} kind caused by {@code cause}. */
    public FsException(FsError error, String message, Throwable cause) {
        super(error + ": " + message, cause);
        this.error = Objects.requireNonNull(error);
    }

    /** The kind of error. */
    public FsError error() {
        return error;
    }

    static FsException corrupt(long block, String what) {
        return new FsException(FsError.CORRUPT, "metadata block " + block + ": " + what);
    }
}
