package dev.haven.volume;

import dev.haven.block.ReadOnlyDeviceException;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A snapshot as a {@link BlockDevice}, so a file system mounts it exactly as production. A
 * read-only snapshot refuses writes with {@link ReadOnlyDeviceException}; a writable one keeps
 * its writes in the save volume.
 */
final class SnapshotDevice extends ViewDevice {
    private final Snapshot snapshot;

    SnapshotDevice(Engine engine, Snapshot snapshot, String name) {
        super(engine, name);
        this.snapshot = snapshot;
    }

    @Override
    public boolean isReadOnly() {
        return snapshot.readOnly();
    }

    @Override
    public void read(long block, ByteBuffer dst) throws IOException {
        ensureOpen();
        checkRange(block, dst.remaining());
        engine.reads.snapshot(snapshot, block, dst);
    }

    @Override
    public void write(long block, ByteBuffer src) throws IOException {
        ensureOpen();
        if (snapshot.readOnly()) {
            throw new ReadOnlyDeviceException(name());
        }
        checkRange(block, src.remaining());
        engine.writeWritable(snapshot, block, src);
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (!snapshot.readOnly()) {
            engine.flush();
        }
    }

    @Override
    public void declareFree(long block, long count) throws IOException {
        ensureOpen();
        if (snapshot.readOnly()) {
            throw new ReadOnlyDeviceException(name());
        }
        // A hint only: a writable snapshot keeps its blocks until refresh or delete.
    }
}
