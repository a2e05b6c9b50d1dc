package dev.haven.volume;

import java.io.IOException;

/** A volume file is not what it should be: wrong magic, version or checksum, or truncated. */
public final class VolumeCorruptException extends IOException {
    /** Names the file and what is wrong with it. */
    public VolumeCorruptException(String file, String problem) {
        super(file + ": " + problem);
    }
}
