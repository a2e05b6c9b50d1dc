package dev.haven.block;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * A device that passes every call to another; subclasses override the calls they watch or change
 * (flush tracking, free-hint recording, ...).
 */
public abstract class ForwardingBlockDevice implements BlockDevice {
    /** The device every call goes to. */
    protected final BlockDevice inner;

    /** Forwards to {@code inner}. */
    protected ForwardingBlockDevice(BlockDevice inner) {
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
        inner.write(block, src);
    }

    @Override
    public void flush() throws IOException {
        inner.flush();
    }

    @Override
    public boolean copiesOnRewrite() {
        return inner.copiesOnRewrite();
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
