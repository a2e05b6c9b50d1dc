package dev.haven.volume;

import dev.haven.block.BlockDevice;
import dev.haven.block.FileBlockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A {@link VolumeStore} that keeps each device as a sparse host file {@code NAME.blocks} in one directory. */
public final class FileVolumeStore implements VolumeStore {
    private final Path dir;

    /** A store in directory {@code dir} (created on the first {@link #create}). */
    public FileVolumeStore(Path dir) {
        this.dir = dir;
    }

    /** The directory. */
    public Path dir() {
        return dir;
    }

    private Path file(String name) {
        return dir.resolve(name + ".blocks");
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(file(name));
    }

    @Override
    public BlockDevice create(String name, int blockSize, long blockCount) throws IOException {
        Files.createDirectories(dir);
        return FileBlockDevice.create(file(name), blockSize, blockCount);
    }

    @Override
    public BlockDevice open(String name, int blockSize) throws IOException {
        Path f = file(name);
        if (!Files.exists(f)) {
            throw new NoSuchFileException(f.toString());
        }
        return FileBlockDevice.open(f, blockSize, false);
    }

    @Override
    public String describe(String name) {
        return file(name).toString();
    }
}
