package dev.haven.fs;

import dev.haven.block.ForwardingBlockDevice;
import dev.haven.testkit.MemoryBlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.BitSet;

/** A memory device that records which blocks were declared free. */
final class RecordingDevice extends ForwardingBlockDevice {
    final MemoryBlockDevice memory;
    final BitSet declaredFree = new BitSet();

    RecordingDevice(MemoryBlockDevice memory) {
        super(memory);
        this.memory = memory;
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
    public void declareFree(long block, long count) throws IOException {
        inner.declareFree(block, count);
        synchronized (declaredFree) {
            declaredFree.set((int) block, (int) (block + count));
        }
    }
}
