package dev.haven.volume;

import dev.haven.block.BlockDevice;
import dev.haven.block.ForwardingBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that skips {@link #flush()} when nothing was written since the last one: a snapshot
 * of a quiet volume then costs one metadata flush, not one per device.
 */
final class TrackedDevice extends ForwardingBlockDevice {
    private volatile boolean dirty;

    TrackedDevice(BlockDevice inner) {
        super(inner);
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
}
