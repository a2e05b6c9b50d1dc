package dev.haven.fs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads clean tree nodes from disk through a bounded LRU cache. Clean nodes never change, so
 * readers on many threads share them without further locking.
 */
final class NodeStore {
    private final Disk disk;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, Node> cache;

    NodeStore(Disk disk, int capacity) {
        this.disk = disk;
        this.cache = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, Node> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The node at {@code block}; {@code level} is what the parent expects (-1: any). */
    Node load(long block, int level) throws FsException {
        Node n = cached(block);
        if (n == null) {
            if (block < 0 || block >= disk.blocks) {
                throw FsException.corrupt(block, "tree pointer outside the device");
            }
            n = NodeCodec.decode(disk.readBlock(block), block);
            n.block = block;
            lock.lock();
            try {
                cache.put(block, n);
            } finally {
                lock.unlock();
            }
        }
        if (level >= 0 && n.level() != level) {
            throw FsException.corrupt(block, "tree node at level " + n.level() + " where " + level + " expected");
        }
        return n;
    }

    private Node cached(long block) {
        lock.lock();
        try {
            return cache.get(block);
        } finally {
            lock.unlock();
        }
    }

    void put(Node n) {
        lock.lock();
        try {
            cache.put(n.block, n);
        } finally {
            lock.unlock();
        }
    }

    void evict(long block) {
        lock.lock();
        try {
            cache.remove(block);
        } finally {
            lock.unlock();
        }
    }
}
