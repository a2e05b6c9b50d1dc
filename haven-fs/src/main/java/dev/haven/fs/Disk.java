package dev.haven.fs;

import dev.haven.block.BlockDevice;
import dev.haven.block.ReadOnlyDeviceException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The device as HavenFS sees it: file-system blocks of {@code max(4096, device block size)} bytes,
 * and fail-stop: the first failed write or flush marks it failed, and every later call reports
 * {@link FsError#IO_ERROR} (no silent retries; ARCHITECTURE.md "Fail-stop storage").
 */
final class Disk {
    static final int MIN_BLOCK = 4096;

    final BlockDevice device;
    final int blockSize;
    final long blocks;
    private final int ratio;
    private volatile IOException failure;

    Disk(BlockDevice device) {
        this.device = device;
        this.blockSize = Math.max(MIN_BLOCK, device.blockSize());
        this.ratio = blockSize / device.blockSize();
        this.blocks = device.blockCount() / ratio;
    }

    ByteBuffer readBlock(long block) throws FsException {
        ByteBuffer b = ByteBuffer.allocate(blockSize);
        read(block, b);
        b.clear();
        return b;
    }

    void read(long block, ByteBuffer dst) throws FsException {
        ensureHealthy();
        if (block < 0 || block + dst.remaining() / blockSize > blocks) {
            throw FsException.corrupt(block, "lies outside the device of " + blocks + " blocks");
        }
        try {
            device.read(block * ratio, dst);
        } catch (IOException e) {
            throw new FsException(FsError.IO_ERROR, "read of block " + block + " failed", e);
        }
    }

    void write(long block, ByteBuffer src) throws FsException {
        ensureHealthy();
        try {
            device.write(block * ratio, src);
        } catch (ReadOnlyDeviceException e) {
            throw new FsException(FsError.READ_ONLY, "device is read-only", e);
        } catch (IOException e) {
            throw fail("write of block " + block, e);
        }
    }

    void flush() throws FsException {
        ensureHealthy();
        try {
            device.flush();
        } catch (IOException e) {
            throw fail("flush", e);
        }
    }

    void declareFree(long block, long count) throws FsException {
        ensureHealthy();
        try {
            device.declareFree(block * ratio, count * ratio);
        } catch (IOException e) {
            throw fail("free hint", e);
        }
    }

    boolean failed() {
        return failure != null;
    }

    void ensureHealthy() throws FsException {
        IOException f = failure;
        if (f != null) {
            throw new FsException(FsError.IO_ERROR, "file system failed earlier: " + f.getMessage(), f);
        }
    }

    /** Fails the file system because a commit could not complete (its in-memory state is now unusable). */
    FsException fail(FsException e) {
        if (failure == null) {
            failure = e;
        }
        return e;
    }

    private FsException fail(String what, IOException e) {
        failure = e;
        return new FsException(FsError.IO_ERROR, what + " failed; file system is now failed", e);
    }
}
