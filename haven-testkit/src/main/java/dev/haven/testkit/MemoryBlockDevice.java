package dev.haven.testkit;

import dev.haven.block.BlockDevice;
import dev.haven.block.BlockSize;
import dev.haven.block.ReadOnlyDeviceException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sparse in-memory block device: only written blocks take memory, so a 10 TiB device is cheap.
 * Every write is durable at once; {@link #flush()} does nothing.
 */
public final class MemoryBlockDevice implements BlockDevice {
    private final String name;
    private final int blockSize;
    private final long blockCount;
    private final Map<Long, byte[]> blocks;
    private volatile boolean readOnly;
    private volatile boolean closed;

    /** An empty device of {@code blockCount} blocks. */
    public MemoryBlockDevice(String name, int blockSize, long blockCount) {
        this(name, blockSize, blockCount, new ConcurrentHashMap<>());
    }

    private MemoryBlockDevice(String name, int blockSize, long blockCount, Map<Long, byte[]> blocks) {
        this.name = name;
        this.blockSize = BlockSize.check(blockSize);
        if (blockCount <= 0) {
            throw new IllegalArgumentException("block count " + blockCount);
        }
        this.blockCount = blockCount;
        this.blocks = blocks;
    }

    /** An independent copy of this device's current content, open and writable. */
    public MemoryBlockDevice copy(String newName) {
        Map<Long, byte[]> copy = new ConcurrentHashMap<>();
        blocks.forEach((k, v) -> copy.put(k, v.clone()));
        return new MemoryBlockDevice(newName, blockSize, blockCount, copy);
    }

    /** Makes later writes fail with {@link ReadOnlyDeviceException}. */
    public MemoryBlockDevice setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
        return this;
    }

    /** Number of blocks that hold data (for checks that something stays sparse). */
    public int storedBlocks() {
        return blocks.size();
    }

    @Override
    public int blockSize() {
        return blockSize;
    }

    @Override
    public long blockCount() {
        return blockCount;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public void read(long block, ByteBuffer dst) {
        ensureOpen();
        checkRange(block, dst.remaining());
        for (long b = block; dst.hasRemaining(); b++) {
            byte[] data = blocks.get(b);
            if (data == null) {
                for (int i = 0; i < blockSize; i++) {
                    dst.put((byte) 0);
                }
            } else {
                dst.put(data);
            }
        }
    }

    @Override
    public void write(long block, ByteBuffer src) throws ReadOnlyDeviceException {
        ensureOpen();
        if (readOnly) {
            throw new ReadOnlyDeviceException(name);
        }
        checkRange(block, src.remaining());
        for (long b = block; src.hasRemaining(); b++) {
            byte[] data = new byte[blockSize];
            src.get(data);
            blocks.put(b, data);
        }
    }

    /** Replaces bytes {@code [offset, offset + data.length)} of one block (used to tear a write). */
    void writePartial(long block, int offset, byte[] data, int from, int length) {
        byte[] current = blocks.computeIfAbsent(block, b -> new byte[blockSize]);
        System.arraycopy(data, from, current, offset, length);
    }

    @Override
    public void flush() {
        ensureOpen();
    }

    @Override
    public void declareFree(long block, long count) throws ReadOnlyDeviceException {
        ensureOpen();
        if (readOnly) {
            throw new ReadOnlyDeviceException(name);
        }
        if (count < 0 || block < 0 || block > blockCount - count) {
            throw new IllegalArgumentException("free range outside device");
        }
        // Deliberately keeps the content: free blocks read as unspecified data, and stale bytes
        // catch a reader that trusts a free block.
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
