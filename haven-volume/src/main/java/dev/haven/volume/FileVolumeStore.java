package dev.haven.volume;

import dev.haven.block.BlockDevice;
import dev.haven.block.FileBlockDevice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link VolumeStore} that keeps each device as sparse host files in one directory:
 * {@code NAME.blocks}, or, for a device larger than {@link #SEGMENT_BYTES}, segments
 * {@code NAME.blocks.000}, {@code NAME.blocks.001}, ... of that size (the last may be shorter).
 */
public final class FileVolumeStore implements VolumeStore {
    /** Largest single host file: 4 TiB, well under ext4's 16 TiB file limit. */
    public static final long SEGMENT_BYTES = 4L << 40;

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

    private Path segment(String name, int i) {
        return dir.resolve(String.format("%s.blocks.%03d", name, i));
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(file(name)) || Files.exists(segment(name, 0));
    }

    @Override
    public BlockDevice create(String name, int blockSize, long blockCount) throws IOException {
        Files.createDirectories(dir);
        long perSegment = SEGMENT_BYTES / blockSize;
        if (blockCount <= perSegment) {
            return createFile(file(name), blockSize, blockCount);
        }
        List<BlockDevice> segments = new ArrayList<>();
        try {
            for (long at = 0; at < blockCount; at += perSegment) {
                segments.add(createFile(segment(name, segments.size()), blockSize, Math.min(perSegment, blockCount - at)));
            }
        } catch (IOException e) {
            for (BlockDevice s : segments) {
                s.close();
            }
            throw e;
        }
        return new SegmentedDevice(segments, perSegment, describe(name));
    }

    private static BlockDevice createFile(Path f, int blockSize, long blocks) throws IOException {
        try {
            return FileBlockDevice.create(f, blockSize, blocks);
        } catch (java.nio.file.FileSystemException e) {
            throw e;
        } catch (IOException e) {
            // Plain IOExceptions (e.g. "File too large") do not say which file.
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    @Override
    public BlockDevice open(String name, int blockSize) throws IOException {
        Path f = file(name);
        if (Files.exists(f)) {
            return FileBlockDevice.open(f, blockSize, false);
        }
        if (!Files.exists(segment(name, 0))) {
            throw new NoSuchFileException(f.toString());
        }
        long perSegment = SEGMENT_BYTES / blockSize;
        List<BlockDevice> segments = new ArrayList<>();
        try {
            for (int i = 0; Files.exists(segment(name, i)); i++) {
                BlockDevice s = FileBlockDevice.open(segment(name, i), blockSize, false);
                segments.add(s);
                if (s.blockCount() > perSegment || (s.blockCount() < perSegment && Files.exists(segment(name, i + 1)))) {
                    throw new VolumeCorruptException(segment(name, i).toString(), "segment of " + s.blockCount()
                            + " blocks, expected " + perSegment);
                }
            }
        } catch (IOException e) {
            for (BlockDevice s : segments) {
                s.close();
            }
            throw e;
        }
        return new SegmentedDevice(segments, perSegment, describe(name));
    }

    @Override
    public String describe(String name) {
        return Files.exists(segment(name, 0)) ? dir.resolve(name + ".blocks.*").toString() : file(name).toString();
    }
}
