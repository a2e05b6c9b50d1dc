package dev.haven.volume;

import dev.haven.block.BlockDevice;

/** What production and snapshot views share: geometry from the volume, their own open/closed state. */
abstract sealed class ViewDevice implements BlockDevice permits ProductionDevice, SnapshotDevice {
    final Engine engine;
    private final String name;
    private volatile boolean closed;

    ViewDevice(Engine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    @Override
    public final int blockSize() {
        return engine.blockSize;
    }

    @Override
    public final long blockCount() {
        return engine.state.blockCount;
    }

    /** Closes this view only; the volume stays open. */
    @Override
    public final void close() {
        closed = true;
    }

    final void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    final String name() {
        return name;
    }

    @Override
    public final String toString() {
        return name;
    }
}
