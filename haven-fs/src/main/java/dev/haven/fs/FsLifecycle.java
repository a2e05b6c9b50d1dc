package dev.haven.fs;

import java.util.EnumSet;
import java.util.Set;

/**
 * The life of a mounted file system.
 * <pre>
 *   MOUNTED --freeze--> FROZEN --thaw--> MOUNTED
 *   MOUNTED | FROZEN --I/O error--> FAILED
 *   any --close--> CLOSED
 * </pre>
 */
public enum FsLifecycle {
    /** Serving reads and changes. */
    MOUNTED,
    /** Changes wait; everything is committed and the image is clean (snapshot now). */
    FROZEN,
    /** A device write or flush failed; every call reports {@link FsError#IO_ERROR}. */
    FAILED,
    /** Closed; every call reports {@link FsError#CLOSED}. */
    CLOSED;

    private Set<FsLifecycle> next() {
        return switch (this) {
            case MOUNTED -> EnumSet.of(FROZEN, FAILED, CLOSED);
            case FROZEN -> EnumSet.of(MOUNTED, FAILED, CLOSED);
            case FAILED -> EnumSet.of(CLOSED);
            case CLOSED -> EnumSet.noneOf(FsLifecycle.class);
        };
    }

    /** Checks that this state may move to {@code to}, and returns {@code to}. */
    FsLifecycle moveTo(FsLifecycle to) throws FsException {
        if (!next().contains(to)) {
            throw new FsException(to == MOUNTED || to == FROZEN ? FsError.INVALID : FsError.CLOSED,
                    "file system is " + this + "; cannot become " + to);
        }
        return to;
    }
}
