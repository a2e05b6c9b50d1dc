package dev.haven.volume;

import java.io.IOException;

/** A snapshot name that the volume does not have. */
public final class NoSuchSnapshotException extends IOException {
    /** Names the volume and the missing snapshot. */
    public NoSuchSnapshotException(String volume, String name) {
        super("no snapshot named " + name + " in " + volume);
    }
}
