package dev.haven.files;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Per-file state of a rule engine with one lock per file and no global lock: the map only finds
 * the file's slot, the slot's {@link ReentrantLock} guards its state. A slot whose state becomes
 * empty is retired and removed, so the table holds only files with live state; a caller that
 * raced with the removal finds the slot retired and retries with a fresh one.
 *
 * @param <S> the mutable per-file state, touched only under its slot's lock
 */
public final class FileTable<S> {
    private final ConcurrentHashMap<FileKey, Slot<S>> slots = new ConcurrentHashMap<>();
    private final Function<FileKey, S> factory;
    private final Predicate<S> isEmpty;

    /** Creates a table whose slots start as {@code factory.apply(file)} and are dropped when {@code isEmpty}. */
    public FileTable(Function<FileKey, S> factory, Predicate<S> isEmpty) {
        this.factory = factory;
        this.isEmpty = isEmpty;
    }

    /** Runs {@code action} on the file's state under its lock, creating the state if absent. */
    public <R> R withFile(FileKey file, Function<S, R> action) {
        while (true) {
            Slot<S> slot = slots.computeIfAbsent(file, k -> new Slot<>(factory.apply(k)));
            Ran<R> ran = runLocked(file, slot, action);
            if (ran != null) {
                return ran.value;
            }
            // The slot was retired by a concurrent caller after we found it: take a fresh one.
        }
    }

    /** Runs {@code action} on the file's state under its lock if the file has state, else returns {@code absent}. */
    public <R> R withExisting(FileKey file, Function<S, R> action, R absent) {
        Slot<S> slot = slots.get(file);
        Ran<R> ran = slot == null ? null : runLocked(file, slot, action);
        return ran == null ? absent : ran.value;
    }

    /** Runs the action under the slot's lock; null if the slot was retired (its state is empty and gone). */
    private <R> Ran<R> runLocked(FileKey file, Slot<S> slot, Function<S, R> action) {
        slot.lock.lock();
        try {
            if (slot.retired) {
                return null;
            }
            try {
                return new Ran<>(action.apply(slot.state));
            } finally {
                retireIfEmpty(file, slot);
            }
        } finally {
            slot.lock.unlock();
        }
    }

    /** The result of an action that ran (it may itself be null). */
    private record Ran<R>(R value) {}

    /** Number of files that currently have state (for tests and metrics). */
    public int size() {
        return slots.size();
    }

    private void retireIfEmpty(FileKey file, Slot<S> slot) {
        if (isEmpty.test(slot.state)) {
            slot.retired = true;
            slots.remove(file, slot);
        }
    }

    private static final class Slot<S> {
        final ReentrantLock lock = new ReentrantLock();
        final S state;
        boolean retired;

        Slot(S state) {
            this.state = state;
        }
    }
}
