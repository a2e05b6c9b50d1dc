package dev.haven.files.notify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * [MS-FSA] 2.1.5.10: the change watch of one directory open. The first request fixes its
 * completion filter, WatchTree flag and buffer size (as Windows and Samba do; later requests on
 * the open only wait). Changes that arrive while no request waits are buffered, identical
 * neighbours merged; when they outgrow the buffer the watch overflows and the next request
 * answers {@link NotifyOutcome.EnumDir}. Thread-safe; futures complete outside the lock, on the
 * thread that made the change.
 */
public final class Watch {
    /** A bound on buffered entries whatever the buffer size, so a watch cannot hold unbounded memory. */
    static final int MAX_BUFFERED = 4096;
    private static final NotifyOutcome ENUM_DIR = new NotifyOutcome.EnumDir();
    private static final NotifyOutcome CLEANUP = new NotifyOutcome.Cleanup();
    private static final NotifyOutcome DELETE_PENDING = new NotifyOutcome.DeletePending();

    private final NotifyFilter filter;
    private final boolean watchTree;
    private final int bufferSize;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<NotifyChange> buffered = new ArrayList<>();
    /** Sum of the aligned sizes of {@link #buffered}. */
    private int bufferedBytes;
    private boolean overflowed;
    private boolean closed;
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();

    private record Waiter(int outputBufferLength, CompletableFuture<NotifyOutcome> future) {
    }

    Watch(NotifyFilter filter, boolean watchTree, int bufferSize) {
        this.filter = filter;
        this.watchTree = watchTree;
        this.bufferSize = Math.max(0, bufferSize);
    }

    /** The completion filter the watch was set up with. */
    public NotifyFilter filter() {
        return filter;
    }

    /** True when the watch covers the whole subtree, not only the directory's own entries. */
    public boolean watchTree() {
        return watchTree;
    }

    /** The buffer size the first request allowed. */
    public int bufferSize() {
        return bufferSize;
    }

    /**
     * The next outcome for a request that accepts {@code outputBufferLength} bytes: already
     * complete when changes are buffered (or the watch overflowed or ended), else it completes
     * with the next change, a withdrawal, deletion or the end of the watch.
     */
    public CompletableFuture<NotifyOutcome> next(int outputBufferLength) {
        CompletableFuture<NotifyOutcome> f = new CompletableFuture<>();
        NotifyOutcome now;
        lock.lock();
        try {
            if (closed) {
                now = CLEANUP;
            } else if (overflowed || !buffered.isEmpty()) {
                now = take(outputBufferLength);
            } else {
                waiters.add(new Waiter(outputBufferLength, f));
                return f;
            }
        } finally {
            lock.unlock();
        }
        f.complete(now);
        return f;
    }

    /**
     * Withdraws a waiting request, completing it with {@code why}. Returns false when it was no
     * longer waiting (it already has its outcome).
     */
    public boolean withdraw(CompletableFuture<NotifyOutcome> request, NotifyOutcome why) {
        boolean removed;
        lock.lock();
        try {
            removed = waiters.removeIf(w -> w.future() == request);
        } finally {
            lock.unlock();
        }
        return removed && request.complete(why);
    }

    /** Number of requests waiting (for tests and metrics). */
    public int waiting() {
        lock.lock();
        try {
            return waiters.size();
        } finally {
            lock.unlock();
        }
    }

    /** Adds changes that this watch selects; the first waiting request, if any, takes everything buffered. */
    void offer(List<NotifyChange> changes) {
        Waiter w;
        NotifyOutcome outcome;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            for (NotifyChange c : changes) {
                append(c);
            }
            w = waiters.poll();
            if (w == null) {
                return;
            }
            outcome = take(w.outputBufferLength());
        } finally {
            lock.unlock();
        }
        w.future().complete(outcome);
    }

    /** [MS-SMB2] 3.3.5.19 (as Windows): requests waiting on a directory marked for deletion end. */
    void deletePending() {
        finishAll(false, DELETE_PENDING);
    }

    /** Ends the watch with its open: waiting requests answer {@link NotifyOutcome.Cleanup}. */
    void close() {
        finishAll(true, CLEANUP);
    }

    private void finishAll(boolean close, NotifyOutcome outcome) {
        List<Waiter> all;
        lock.lock();
        try {
            closed |= close;
            if (close) {
                buffered.clear();
                bufferedBytes = 0;
            }
            all = List.copyOf(waiters);
            waiters.clear();
        } finally {
            lock.unlock();
        }
        for (Waiter w : all) {
            w.future().complete(outcome);
        }
    }

    private void append(NotifyChange c) {
        if (overflowed || !buffered.isEmpty() && buffered.get(buffered.size() - 1).equals(c)) {
            return; // an identical neighbour says nothing new (Samba merges them too)
        }
        buffered.add(c);
        bufferedBytes += c.alignedSize();
        if (exactSize() > bufferSize || buffered.size() > MAX_BUFFERED) {
            // [MS-FSA] 2.1.5.10: more changes than the buffer holds; the client re-reads the directory.
            overflowed = true;
            buffered.clear();
            bufferedBytes = 0;
        }
    }

    /** The size of the buffered entries as FILE_NOTIFY_INFORMATION: the last one is not padded. */
    private int exactSize() {
        if (buffered.isEmpty()) {
            return 0;
        }
        NotifyChange last = buffered.get(buffered.size() - 1);
        return bufferedBytes - last.alignedSize() + last.size();
    }

    /** Hands everything buffered to one request and empties the buffer. */
    private NotifyOutcome take(int outputBufferLength) {
        int limit = Math.min(outputBufferLength, bufferSize);
        NotifyOutcome o = overflowed || exactSize() > limit ? ENUM_DIR : new NotifyOutcome.Changes(buffered);
        buffered.clear();
        bufferedBytes = 0;
        overflowed = false;
        return o;
    }
}
