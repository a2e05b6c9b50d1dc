package dev.haven.testkit;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A block device that models a disk with a volatile write cache on a {@link PowerSupply} that can
 * fail. Writes land in the cache (reads see them at once); {@link #flush()} moves the cache to the
 * durable medium. When the power fails, {@link #imageAfterCrash} builds what the medium could hold:
 * the flushed content plus any subset of the cached block writes, applied in any order, one of them
 * possibly torn at a 512-byte sector boundary.
 */
public final class FaultInjectingBlockDevice implements BlockDevice {
    private static final int SECTOR = 512;

    private record CachedWrite(long block, byte[] data) {}

    private final PowerSupply power;
    private final MemoryBlockDevice durable;
    private final String name;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, byte[]> cache = new ConcurrentHashMap<>();
    private final List<CachedWrite> cacheOrder = new ArrayList<>();
    private volatile boolean closed;

    FaultInjectingBlockDevice(PowerSupply power, MemoryBlockDevice durable) {
        this.power = power;
        this.durable = durable;
        this.name = durable.toString();
    }

    @Override
    public int blockSize() {
        return durable.blockSize();
    }

    @Override
    public long blockCount() {
        return durable.blockCount();
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public void read(long block, ByteBuffer dst) throws IOException {
        ensureOpen();
        power.check(name);
        checkRange(block, dst.remaining());
        int bs = blockSize();
        for (long b = block; dst.hasRemaining(); b++) {
            byte[] cached = cache.get(b);
            if (cached != null) {
                dst.put(cached);
            } else {
                ByteBuffer one = dst.slice(dst.position(), bs);
                durable.read(b, one);
                dst.position(dst.position() + bs);
            }
        }
    }

    @Override
    public void write(long block, ByteBuffer src) throws IOException {
        ensureOpen();
        checkRange(block, src.remaining());
        power.operate(name);
        int bs = blockSize();
        lock.lock();
        try {
            for (long b = block; src.hasRemaining(); b++) {
                byte[] data = new byte[bs];
                src.get(data);
                cache.put(b, data);
                cacheOrder.add(new CachedWrite(b, data));
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        power.operate(name);
        lock.lock();
        try {
            for (CachedWrite w : cacheOrder) {
                durable.write(w.block(), ByteBuffer.wrap(w.data()));
            }
            cacheOrder.clear();
            cache.clear();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void declareFree(long block, long count) throws IOException {
        ensureOpen();
        power.check(name);
        durable.declareFree(block, count);
    }

    @Override
    public void close() {
        closed = true;
    }

    /** Block writes made since the last flush (what a crash may lose). */
    public int unflushedWrites() {
        lock.lock();
        try {
            return cacheOrder.size();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The content the medium may hold after the power failed: the flushed content plus the cached
     * writes as {@code outcome} says, with choices drawn from {@code random}. The result is a new,
     * independent, writable device.
     */
    public MemoryBlockDevice imageAfterCrash(CrashOutcome outcome, Random random) {
        lock.lock();
        try {
            MemoryBlockDevice image = durable.copy(name);
            List<CachedWrite> writes = new ArrayList<>(cacheOrder);
            switch (outcome) {
                case LOSE_ALL -> writes.clear();
                case KEEP_ALL -> { }
                case RANDOM -> {
                    writes.removeIf(w -> random.nextBoolean());
                    Collections.shuffle(writes, random);
                }
            }
            int torn = outcome == CrashOutcome.RANDOM && !writes.isEmpty() && random.nextBoolean()
                    ? random.nextInt(writes.size()) : -1;
            for (int i = 0; i < writes.size(); i++) {
                CachedWrite w = writes.get(i);
                if (i == torn) {
                    tear(image, w, random);
                } else {
                    image.write(w.block(), ByteBuffer.wrap(w.data()));
                }
            }
            return image;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            lock.unlock();
        }
    }

    /** Writes a random non-empty proper subset of the block's sectors. */
    private void tear(MemoryBlockDevice image, CachedWrite w, Random random) {
        int sectors = blockSize() / SECTOR;
        if (sectors == 1) {
            return; // a single-sector block is written atomically or not at all
        }
        int keep = 1 + random.nextInt(sectors - 1);
        List<Integer> order = new ArrayList<>();
        for (int s = 0; s < sectors; s++) {
            order.add(s);
        }
        Collections.shuffle(order, random);
        for (int s : order.subList(0, keep)) {
            image.writePartial(w.block(), s * SECTOR, w.data(), s * SECTOR, SECTOR);
        }
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
