package dev.haven.files.lock;

import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.FileTable;
import dev.haven.files.OpenId;
import dev.haven.files.OwnerId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The byte-range locks of every file. All protocols lock through here, so an SMB client's lock
 * stops an NFS client's write. Thread-safe with one lock per file; futures of waiting requests
 * are completed after that lock is released, so a continuation may call back in.
 */
public final class ByteRangeLocks {
    private final FileTable<FileLocks> files = new FileTable<>(k -> new FileLocks(), FileLocks::isEmpty);

    /** The locks and waiting requests of one file, guarded by the file's lock in {@link FileTable}. */
    private static final class FileLocks {
        final List<ByteRangeLock> granted = new ArrayList<>();
        /** Waiting requests in arrival order: the FIFO of [MS-FSA] 2.1.5.8 "wait until ...". */
        final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

        boolean isEmpty() {
            return granted.isEmpty() && waiters.isEmpty();
        }

        boolean conflicts(OpenId open, OwnerId owner, LockRange range, boolean exclusiveIntent, boolean lockIntent) {
            for (ByteRangeLock l : granted) {
                if (l.conflicts(open, owner, range, exclusiveIntent, lockIntent)) {
                    return true;
                }
            }
            return false;
        }

        boolean conflictsWithLock(ByteRangeLock wanted) {
            return conflicts(wanted.open(), wanted.owner(), wanted.range(), wanted.exclusive(), true);
        }
    }

    private record Waiter(ByteRangeLock wanted, CompletableFuture<ByteRangeLock> future) {}

    /**
     * Takes a lock or fails at once with LOCK_NOT_GRANTED ([MS-FSA] 2.1.5.8, FailImmediately TRUE).
     * INVALID_LOCK_RANGE if the range passes 2^64 - 1.
     */
    public ByteRangeLock lock(FileKey file, OpenId open, OwnerId owner, long offset, long length, boolean exclusive) {
        return lockAll(file, open, owner, List.of(new LockRequest(offset, length, exclusive))).get(0);
    }

    /**
     * Takes several fail-immediately locks as one: all are granted, or none and the first failure
     * is thrown ([MS-SMB2] 3.3.5.14.2: on failure the locks of earlier entries are unlocked). The
     * entries are taken in order, so two entries of one request can conflict with each other.
     */
    public List<ByteRangeLock> lockAll(FileKey file, OpenId open, OwnerId owner, List<LockRequest> requests) {
        List<ByteRangeLock> wanted = new ArrayList<>(requests.size());
        for (LockRequest r : requests) {
            wanted.add(new ByteRangeLock(open, owner, LockRange.of(r.offset(), r.length()), r.exclusive()));
        }
        return files.withFile(file, f -> {
            int before = f.granted.size();
            for (ByteRangeLock l : wanted) {
                if (f.conflictsWithLock(l)) {
                    // Nobody saw the partial grant: the file's lock was held throughout.
                    f.granted.subList(before, f.granted.size()).clear();
                    throw new FileServiceException(FileServiceError.LOCK_NOT_GRANTED, file + " " + l.range());
                }
                f.granted.add(l);
            }
            return List.copyOf(wanted);
        });
    }

    /**
     * Takes a lock, waiting while it conflicts ([MS-FSA] 2.1.5.8, FailImmediately FALSE). The
     * returned request is already granted when there is no conflict; otherwise it joins the file's
     * queue and is granted, in arrival order, once the conflicting locks are gone.
     */
    public PendingLock lockOrWait(FileKey file, OpenId open, OwnerId owner, long offset, long length, boolean exclusive) {
        ByteRangeLock wanted = new ByteRangeLock(open, owner, LockRange.of(offset, length), exclusive);
        CompletableFuture<ByteRangeLock> future = new CompletableFuture<>();
        Waiter waiter = new Waiter(wanted, future);
        boolean granted = files.withFile(file, f -> {
            if (!f.conflictsWithLock(wanted)) {
                f.granted.add(wanted);
                return true;
            }
            f.waiters.addLast(waiter);
            return false;
        });
        if (granted) {
            future.complete(wanted);
        }
        return new PendingLock(future, () -> cancel(file, waiter));
    }

    private boolean cancel(FileKey file, Waiter waiter) {
        boolean removed = files.withExisting(file, f -> f.waiters.remove(waiter), false);
        if (removed) {
            waiter.future.completeExceptionally(new FileServiceException(FileServiceError.CANCELLED, "lock request cancelled"));
        }
        return removed;
    }

    /**
     * Removes the lock with exactly this range and holder, else RANGE_NOT_LOCKED ([MS-FSA]
     * 2.1.5.9: an exclusive lock is removed before a shared one of the same range); then grants
     * waiters that no longer conflict.
     */
    public void unlock(FileKey file, OpenId open, OwnerId owner, long offset, long length) {
        LockRange range = LockRange.of(offset, length);
        List<Waiter> woken = files.withExisting(file, f -> {
            int victim = -1;
            for (int i = 0; i < f.granted.size(); i++) {
                ByteRangeLock l = f.granted.get(i);
                if (l.open().equals(open) && l.owner().equals(owner) && l.range().equals(range)) {
                    victim = i;
                    if (l.exclusive()) {
                        break;
                    }
                }
            }
            if (victim < 0) {
                return null;
            }
            f.granted.remove(victim);
            return grantWaiters(f);
        }, null);
        if (woken == null) {
            throw new FileServiceException(FileServiceError.RANGE_NOT_LOCKED, file + " " + range);
        }
        complete(woken);
    }

    /**
     * Releases every lock of a closing open and fails its waiting requests with CANCELLED, then
     * grants other waiters that no longer conflict ([MS-FSA] 2.1.5.4: close removes the open's locks).
     */
    public void closeOpen(FileKey file, OpenId open) {
        List<Waiter> cancelled = new ArrayList<>();
        List<Waiter> woken = files.withExisting(file, f -> {
            f.granted.removeIf(l -> l.open().equals(open));
            for (Iterator<Waiter> it = f.waiters.iterator(); it.hasNext(); ) {
                Waiter w = it.next();
                if (w.wanted.open().equals(open)) {
                    it.remove();
                    cancelled.add(w);
                }
            }
            return grantWaiters(f);
        }, List.of());
        for (Waiter w : cancelled) {
            w.future.completeExceptionally(new FileServiceException(FileServiceError.CANCELLED, open + " closed"));
        }
        complete(woken);
    }

    /**
     * Fails with LOCK_CONFLICT if a read of these bytes by this open hits a lock ([MS-FSA]
     * 2.1.4.10 with IsExclusive FALSE, LockIntent FALSE). A zero-length read touches no byte and
     * never conflicts.
     */
    public void checkRead(FileKey file, OpenId open, OwnerId owner, long offset, long length) {
        checkIo(file, open, owner, offset, length, false);
    }

    /** Fails with LOCK_CONFLICT if a write of these bytes by this open hits a lock ([MS-FSA] 2.1.4.10, IsExclusive TRUE). */
    public void checkWrite(FileKey file, OpenId open, OwnerId owner, long offset, long length) {
        checkIo(file, open, owner, offset, length, true);
    }

    private void checkIo(FileKey file, OpenId open, OwnerId owner, long offset, long length, boolean write) {
        if (length == 0) {
            return;
        }
        LockRange range = ioRange(offset, length);
        boolean conflict = files.withExisting(file, f -> f.conflicts(open, owner, range, write, false), false);
        if (conflict) {
            throw new FileServiceException(FileServiceError.LOCK_CONFLICT, file + " " + (write ? "write " : "read ") + range);
        }
    }

    /** An I/O that runs past 2^64 - 1 is a malformed request, not a lock-range error. */
    private static LockRange ioRange(long offset, long length) {
        if (Long.compareUnsigned(offset + length - 1, offset) < 0) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "I/O range runs past 2^64 - 1");
        }
        return LockRange.of(offset, length);
    }

    /** The locks held on a file, in the order they were granted. */
    public List<ByteRangeLock> locksOf(FileKey file) {
        return files.withExisting(file, f -> List.copyOf(f.granted), List.of());
    }

    /** True if the file has locks or waiting lock requests: then shared caching is not granted on it. */
    public boolean hasLocks(FileKey file) {
        return files.withExisting(file, f -> !f.isEmpty(), false);
    }

    /** The number of requests waiting on a file. */
    public int waitingOn(FileKey file) {
        return files.withExisting(file, f -> f.waiters.size(), 0);
    }

    /**
     * Grants, oldest first, every waiting request that no longer conflicts with the granted locks
     * (including those granted earlier in this pass). A request still blocked does not hold back a
     * later one that does not conflict, as Windows does; two waiters for the same bytes are served
     * in arrival order.
     */
    private static List<Waiter> grantWaiters(FileLocks f) {
        List<Waiter> woken = new ArrayList<>();
        for (Iterator<Waiter> it = f.waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (!f.conflictsWithLock(w.wanted)) {
                it.remove();
                f.granted.add(w.wanted);
                woken.add(w);
            }
        }
        return woken;
    }

    private static void complete(List<Waiter> woken) {
        for (Waiter w : woken) {
            w.future.complete(w.wanted);
        }
    }
}
