package dev.haven.volume;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;

/** Production as a {@link BlockDevice}: writes copy on first write for the snapshots that need it. */
final class ProductionDevice implements BlockDevice {
    private final Engine engine;
    private final String name;
    private volatile boolean closed;

    ProductionDevice(Engine engine, String name) {
        this.engine = engine;
        this.name = name;
    }

    @Override
    public int blockSize() {
        return engine.blockSize;
    }

    @Override
    public long blockCount() {
        return engine.state.blockCount;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void read(long block, ByteBuffer dst) throws IOException {
        ensureOpen();
        checkRange(block, dst.remaining());
        engine.readProduction(block, dst);
    }

    @Override
    public void write(long block, ByteBuffer src) throws IOException {
        ensureOpen();
        checkRange(block, src.remaining());
        engine.writeProduction(block, src);
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        engine.flush();
    }

    @Override
    public void declareFree(long block, long count) throws IOException {
        ensureOpen();
        if (count < 0 || block < 0 || block > blockCount() - count) {
            throw new IllegalArgumentException("free range [" + block + ", +" + count + ") outside device");
        }
        engine.declareFree(block, count);
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
