package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;

/**
 * Makes and opens the named block devices a volume is built from ({@code meta}, {@code data},
 * {@code save}): host files in production ({@link FileVolumeStore}), fault-injecting devices in
 * crash tests.
 */
public interface VolumeStore {

    /** True when a device of that name exists. */
    boolean exists(String name);

    /** Creates a new, zeroed device; fails if it exists. */
    BlockDevice create(String name, int blockSize, long blockCount) throws IOException;

    /** Opens an existing device for reading and writing. */
    BlockDevice open(String name, int blockSize) throws IOException;

    /** How error messages name the device (a file path for host files). */
    String describe(String name);
}
