package dev.haven.fs;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Reads, writes and truncation with their locking. Reads hold only the shared metadata lock.
 * A write holds its file's stripe lock throughout (one writer per file) and:
 * <ol>
 *   <li>under the shared lock, writes in place when every block is already allocated;
 *   <li>otherwise allocates the missing blocks under the exclusive lock, as reservations that no
 *       commit records, writes the data under the shared lock, and then, under the exclusive lock,
 *       records the extents and the new size.
 * </ol>
 * So data I/O never holds the exclusive lock, and no commit ever points at blocks whose data is
 * not yet written.
 */
final class DataPath {
    private final Meta meta;
    private final FileData data;
    private final Guard guard;
    private final FileHoles holes;
    private final long bs;

    DataPath(Meta meta, FileData data, Guard guard) {
        this.meta = meta;
        this.data = data;
        this.guard = guard;
        this.holes = new FileHoles(meta, data);
        this.bs = meta.disk.blockSize;
    }

    Inode regularFile(long ino) throws FsException {
        Inode i = meta.require(ino);
        if (i.type() != NodeType.FILE) {
            throw new FsException(i.isDirectory() ? FsError.IS_A_DIRECTORY : FsError.INVALID, "inode " + ino + " is not a file");
        }
        return i;
    }

    int read(long ino, long offset, ByteBuffer dst) throws FsException {
        return guard.read(() -> data.read(regularFile(ino), offset, dst));
    }

    void write(long ino, long offset, ByteBuffer src) throws FsException {
        guard.enterChange();
        ReentrantLock stripe = guard.stripe(ino);
        stripe.lock();
        try {
            if (!guard.read(() -> writeInPlace(ino, offset, src))) {
                writeAllocating(ino, offset, src);
            }
            guard.commitIfDue();
        } finally {
            stripe.unlock();
            guard.exitChange();
        }
    }

    private List<Run> runs(long ino, long offset, int length) throws FsException {
        return data.map(ino, offset / bs, (offset + length + bs - 1) / bs);
    }

    private boolean writeInPlace(long ino, long offset, ByteBuffer src) throws FsException {
        Inode i = regularFile(ino);
        List<Run> runs = runs(ino, offset, src.remaining());
        if (FileData.hasHoles(runs)) {
            return false;
        }
        long end = offset + src.remaining();
        data.write(i, offset, src, runs);
        meta.putInode(data.grown(i, end, 0));
        return true;
    }

    private void writeAllocating(long ino, long offset, ByteBuffer src) throws FsException {
        long end = offset + src.remaining();
        List<Run> runs = guard.writeLocked(() -> {
            regularFile(ino);
            List<Run> mapped = runs(ino, offset, src.remaining());
            meta.ensureSpace(FileData.holeBlocks(mapped) + 8, meta.reserve());
            return data.allocate(ino, mapped);
        });
        boolean recorded = false;
        try {
            guard.read(() -> {
                data.write(regularFile(ino), offset, src, runs);
                return null;
            });
            guard.writeLocked(() -> {
                Inode i = regularFile(ino);
                data.insertExtents(ino, runs);
                meta.putInode(data.grown(i, end, FileData.freshBlocks(runs)));
                return null;
            });
            recorded = true;
        } finally {
            if (!recorded && !meta.disk.failed()) {
                guard.writeLocked(() -> {
                    data.release(runs);
                    return null;
                });
            }
        }
    }

    void truncate(long ino, long size) throws FsException {
        guard.enterChange();
        ReentrantLock stripe = guard.stripe(ino);
        stripe.lock();
        try {
            guard.writeLocked(() -> {
                meta.putInode(data.truncate(regularFile(ino), size));
                return null;
            });
            guard.commitIfDue();
        } finally {
            stripe.unlock();
            guard.exitChange();
        }
    }

    List<ByteRange> allocated(long ino, long offset, long length) throws FsException {
        return guard.read(() -> holes.allocated(regularFile(ino), offset, length));
    }

    /** Like a truncate: the file's stripe lock, then the exclusive lock for the extents. */
    void punchHole(long ino, long offset, long length) throws FsException {
        guard.enterChange();
        ReentrantLock stripe = guard.stripe(ino);
        stripe.lock();
        try {
            guard.writeLocked(() -> {
                meta.putInode(holes.punch(regularFile(ino), offset, length));
                return null;
            });
            guard.commitIfDue();
        } finally {
            stripe.unlock();
            guard.exitChange();
        }
    }
}
