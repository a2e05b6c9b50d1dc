package dev.haven.volume;

import java.io.IOException;
import java.nio.ByteBuffer;

/** Production as a {@link BlockDevice}: writes copy on first write for the snapshots that need it. */
final class ProductionDevice extends ViewDevice {

    ProductionDevice(Engine engine, String name) {
        super(engine, name);
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void read(long block, ByteBuffer dst) throws IOException {
        ensureOpen();
        checkRange(block, dst.remaining());
        engine.reads.production(block, dst);
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

    /** While a snapshot exists (or a restore runs), a write may first save the block's old content. */
    @Override
    public boolean copiesOnRewrite() {
        return !engine.state.byId.isEmpty() || engine.state.restore != null;
    }

    @Override
    public void declareFree(long block, long count) throws IOException {
        ensureOpen();
        if (count < 0 || block < 0 || block > blockCount() - count) {
            throw new IllegalArgumentException("free range [" + block + ", +" + count + ") outside device");
        }
        engine.declareFree(block, count);
    }
}
