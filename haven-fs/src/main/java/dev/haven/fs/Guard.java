package dev.haven.fs;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Who may run when, for one mounted file system: the metadata lock (shared for reads and the data
 * path, exclusive for metadata changes and commits), per-file stripe locks, the freeze gate and
 * the lifecycle. Lock order: gate, then the file's stripe (writers and truncate of that file),
 * then the metadata lock. Readers take only the shared metadata lock.
 */
final class Guard {
    /** A piece of work run under the guard. */
    interface Op<T> {
        T run() throws FsException;
    }

    private static final int STRIPES = 256;

    private final Meta meta;
    private final MountOptions options;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ChangeGate gate = new ChangeGate();
    private volatile FsLifecycle state = FsLifecycle.MOUNTED;

    Guard(Meta meta, MountOptions options) {
        this.meta = meta;
        this.options = options;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    FsLifecycle state() {
        return state;
    }

    /** The lock that orders the writers and truncates of one file (shared by 1/256 of all files). */
    ReentrantLock stripe(long ino) {
        return stripes[(int) Long.remainderUnsigned(ino * 0x9E3779B97F4A7C15L >>> 32, STRIPES)];
    }

    void ensureUsable() throws FsException {
        if (state == FsLifecycle.CLOSED) {
            throw new FsException(FsError.CLOSED, "file system is closed");
        }
        if (meta.disk.failed() && state != FsLifecycle.FAILED) {
            state = state.moveTo(FsLifecycle.FAILED);
        }
        meta.disk.ensureHealthy();
    }

    /** Runs {@code op} under the shared lock. */
    <T> T read(Op<T> op) throws FsException {
        lock.readLock().lock();
        try {
            ensureUsable();
            return op.run();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Runs {@code op} under the exclusive lock. A change that meets corrupt metadata or an internal
     * error midway may have applied part of itself in memory; rather than commit that, the file
     * system fails (fail-stop). Refusals found before any change (NOT_FOUND, EXISTS, ...) do not.
     */
    <T> T writeLocked(Op<T> op) throws FsException {
        lock.writeLock().lock();
        try {
            ensureUsable();
            return op.run();
        } catch (FsException e) {
            if (e.error() == FsError.CORRUPT) {
                meta.disk.fail(e);
            }
            throw e;
        } catch (RuntimeException e) {
            throw meta.disk.fail(new FsException(FsError.IO_ERROR, "internal error during a change: " + e, e));
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Admits one change (waiting while frozen); pair with {@link #exitChange}. */
    void enterChange() throws FsException {
        ensureUsable();
        if (meta.readOnly) {
            throw new FsException(FsError.READ_ONLY, "file system is mounted read-only");
        }
        gate.enter();
    }

    void exitChange() {
        gate.exit();
    }

    /** Runs a metadata change under the exclusive lock, then commits if a group commit is due. */
    <T> T change(Op<T> op) throws FsException {
        enterChange();
        try {
            T r = writeLocked(op);
            commitIfDue();
            return r;
        } finally {
            gate.exit();
        }
    }

    /** Commits when enough is dirty or the oldest change is old enough; call inside a change. */
    void commitIfDue() throws FsException {
        if (meta.commitDue(options)) {
            writeLocked(() -> {
                if (meta.commitDue(options)) {
                    meta.commit(false);
                }
                return null;
            });
        }
    }

    void sync() throws FsException {
        if (meta.readOnly || gate.frozen()) {
            ensureUsable(); // frozen: everything is already committed
            return;
        }
        change(() -> {
            meta.commit(false);
            return null;
        });
    }

    void freeze() throws FsException {
        ensureUsable();
        if (meta.readOnly) {
            throw new FsException(FsError.READ_ONLY, "read-only file system");
        }
        if (!gate.freeze()) {
            throw new FsException(FsError.INVALID, "already frozen");
        }
        try {
            writeLocked(() -> {
                meta.commit(true);
                return null;
            });
            state = state.moveTo(FsLifecycle.FROZEN);
        } catch (FsException e) {
            gate.thaw();
            throw e;
        }
    }

    void thaw() throws FsException {
        if (!gate.thaw()) {
            throw new FsException(FsError.INVALID, "not frozen");
        }
        state = state.moveTo(FsLifecycle.MOUNTED);
    }

    /** Waits for running changes, commits clean (unless read-only or failed) and closes. */
    void close() throws FsException {
        if (state == FsLifecycle.CLOSED) {
            return;
        }
        gate.thaw();
        gate.freeze();
        lock.writeLock().lock();
        try {
            if (!meta.readOnly && !meta.disk.failed()) {
                meta.commit(true);
            }
        } finally {
            state = state.moveTo(FsLifecycle.CLOSED);
            lock.writeLock().unlock();
            gate.thaw();
        }
    }
}
