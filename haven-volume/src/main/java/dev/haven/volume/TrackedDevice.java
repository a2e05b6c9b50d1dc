package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that skips {@link #flush()} when nothing was written since the last one: a snapshot
 * of a quiet volume then costs one metadata flush, not one per device.
 */
final class TrackedDevice implements BlockDevice {
    private final BlockDevice inner;
    private volatile boolean dirty;

    TrackedDevice(BlockDevice inner) {
        this.inner = inner;
    }

    @Override
    public int blockSize() {
        return inner.blockSize();
    }

    @Override
    public long blockCount() {
        return inner.blockCount();
    }

    @Override
    public boolean isReadOnly() {
        return inner.isReadOnly();
    }

    @Override
    public void read(long block, ByteBuffer dst) throws IOException {
        inner.read(block, dst);
    }

    @Override
    public void write(long block, ByteBuffer src) throws IOException {
        dirty = true; // before the write: a flush racing with it must not skip it
        inner.write(block, src);
    }

    @Override
    public void flush() throws IOException {
        if (dirty) {
            dirty = false; // before the flush: a write racing with it marks the device again
            inner.flush();
        }
    }

    @Override
    public void declareFree(long block, long count) throws IOException {
        inner.declareFree(block, count);
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }

    @Override
    public String toString() {
        return inner.toString();
    }
}
