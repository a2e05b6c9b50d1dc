package dev.haven.block;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * A block device stored in a sparse host file: block {@code b} lives at byte offset
 * {@code b * blockSize}. Unwritten ranges stay holes in the host file and read as zeros.
 * Positional I/O on one {@link FileChannel} lets any number of threads read and write at once.
 */
public final class FileBlockDevice implements BlockDevice {
    private final Path path;
    private final FileChannel channel;
    private final int blockSize;
    private final long blockCount;
    private final boolean readOnly;
    private volatile boolean closed;

    private FileBlockDevice(Path path, FileChannel channel, int blockSize, long blockCount, boolean readOnly) {
        this.path = path;
        this.channel = channel;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.readOnly = readOnly;
    }

    /** Creates a new sparse file of {@code blockCount} blocks; fails if {@code path} exists. */
    public static FileBlockDevice create(Path path, int blockSize, long blockCount) throws IOException {
        BlockSize.check(blockSize);
        if (blockCount <= 0 || blockCount > Long.MAX_VALUE / blockSize) {
            throw new IllegalArgumentException("block count " + blockCount + " out of range");
        }
        if (Files.exists(path)) {
            throw new FileAlreadyExistsException(path.toString());
        }
        FileChannel ch = FileChannel.open(path, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE, StandardOpenOption.SPARSE));
        try {
            // Extending by writing the last byte keeps the file sparse on every host file system.
            ch.write(ByteBuffer.allocate(1), blockCount * blockSize - 1);
        } catch (IOException e) {
            ch.close();
            Files.deleteIfExists(path);
            throw e;
        }
        return new FileBlockDevice(path, ch, blockSize, blockCount, false);
    }

    /** Opens an existing file as a device; its length must be a whole number of blocks. */
    public static FileBlockDevice open(Path path, int blockSize, boolean readOnly) throws IOException {
        BlockSize.check(blockSize);
        FileChannel ch = readOnly
                ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        long size = ch.size();
        if (size == 0 || size % blockSize != 0) {
            ch.close();
            throw new IOException(path + ": length " + size + " is not a whole number of " + blockSize + "-byte blocks");
        }
        return new FileBlockDevice(path, ch, blockSize, size / blockSize, readOnly);
    }

    /** The host file. */
    public Path path() {
        return path;
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long blockCount() {
        return blockCount;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void read(long block, ByteBuffer dst) throws IOException {
        ensureOpen();
        checkRange(block, dst.remaining());
        long pos = block * blockSize;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, pos);
            if (n < 0) {
                // Past the host file's end (truncated underneath us): the rest reads as zeros.
                while (dst.hasRemaining()) {
                    dst.put((byte) 0);
                }
                return;
            }
            pos += n;
        }
    }

    @Override
    public void write(long block, ByteBuffer src) throws IOException {
        ensureOpen();
        if (readOnly) {
            throw new ReadOnlyDeviceException(path.toString());
        }
        checkRange(block, src.remaining());
        long pos = block * blockSize;
        while (src.hasRemaining()) {
            pos += channel.write(src, pos);
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (!readOnly) {
            channel.force(false);
        }
    }

    @Override
    public void declareFree(long block, long count) throws IOException {
        ensureOpen();
        if (readOnly) {
            throw new ReadOnlyDeviceException(path.toString());
        }
        // The host file keeps the bytes; punching holes needs a native call Java does not offer.
    }

    @Override
    public void close() throws IOException {
        closed = true;
        channel.close();
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(path + " is closed");
        }
    }

    @Override
    public String toString() {
        return path.toString();
    }
}
