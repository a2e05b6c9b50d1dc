package dev.haven.volume;

import java.io.IOException;

/** An operation the volume's current state does not allow (a dependent snapshot, a running restore). */
public final class VolumeStateException extends IOException {
    /** Says what was refused and why. */
    public VolumeStateException(String message) {
        super(message);
    }
}
