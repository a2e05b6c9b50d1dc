package dev.haven.fs;

import dev.haven.block.BlockDevice;
import dev.haven.testkit.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/** A memory device that records which blocks were declared free. */
final class RecordingDevice implements BlockDevice {
    final MemoryBlockDevice inner;
    final BitSet declaredFree = new BitSet();

    RecordingDevice(MemoryBlockDevice inner) {
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
        int n = src.remaining() / blockSize();
        inner.write(block, src);
        synchronized (declaredFree) {
            declaredFree.clear((int) block, (int) block + n);
        }
    }

    @Override
    public void flush() throws IOException {
        inner.flush();
    }

    @Override
    public void declareFree(long block, long count) throws IOException {
        inner.declareFree(block, count);
        synchronized (declaredFree) {
            declaredFree.set((int) block, (int) (block + count));
        }
    }

    @Override
    public void close() {
        inner.close();
    }
}
