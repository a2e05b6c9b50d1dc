package dev.haven.files.notify;

import dev.haven.files.OpenId;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The watch table: one {@link Watch} per directory open, found by the open and by the watched
 * directory. Published changes go to the watches on the directory that holds the changed name
 * and, for WatchTree watches, on every directory above it up to the share root, each with the
 * name relative to its own directory ([MS-FSA] 2.1.5.10). Directories are matched by inode, so a
 * watch follows its directory through renames. Thread-safe.
 */
public final class ChangeNotifier implements ChangePublisher {
    private record Dir(UUID fs, long inode) {
    }

    private record Entry(Dir dir, Watch watch) {
    }

    private final ConcurrentHashMap<OpenId, Entry> byOpen = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Dir, Set<Watch>> byDir = new ConcurrentHashMap<>();
    /** While no WatchTree watch exists, a change is matched without reading any parent directory. */
    private final AtomicInteger treeWatches = new AtomicInteger();

    /**
     * The watch of {@code open} on directory {@code directory} of {@code fs}: the existing one,
     * or a new one with this filter, WatchTree flag and buffer size.
     */
    public Watch watch(OpenId open, HavenFs fs, long directory, NotifyFilter filter, boolean watchTree,
            int bufferSize) {
        return byOpen.computeIfAbsent(open, o -> {
            Dir dir = new Dir(fs.fsId(), directory);
            Watch w = new Watch(filter, watchTree, bufferSize);
            byDir.computeIfAbsent(dir, d -> new CopyOnWriteArraySet<>()).add(w);
            if (watchTree) {
                treeWatches.incrementAndGet();
            }
            return new Entry(dir, w);
        }).watch();
    }

    /** The watch of {@code open}, or null. */
    public Watch find(OpenId open) {
        Entry e = byOpen.get(open);
        return e == null ? null : e.watch();
    }

    /** Ends the watch of {@code open} (its open closed): waiting requests answer Cleanup. */
    public void unwatch(OpenId open) {
        Entry e = byOpen.remove(open);
        if (e == null) {
            return;
        }
        byDir.computeIfPresent(e.dir(), (d, set) -> {
            set.remove(e.watch());
            return set.isEmpty() ? null : set;
        });
        if (e.watch().watchTree()) {
            treeWatches.decrementAndGet();
        }
        e.watch().close();
    }

    /** True while there is no watch at all: publishers may skip building their changes. */
    public boolean isIdle() {
        return byOpen.isEmpty();
    }

    /** Number of watches (for tests and metrics). */
    public int size() {
        return byOpen.size();
    }

    @Override
    public void changed(HavenFs fs, List<Change> changes) {
        if (isIdle()) {
            return;
        }
        UUID fsId = fs.fsId();
        Map<Watch, List<NotifyChange>> hits = new LinkedHashMap<>();
        for (Change c : changes) {
            collect(fs, fsId, c, hits);
        }
        hits.forEach(Watch::offer);
    }

    @Override
    public void deletePending(HavenFs fs, long directory) {
        Set<Watch> watches = isIdle() ? null : byDir.get(new Dir(fs.fsId(), directory));
        if (watches != null) {
            watches.forEach(Watch::deletePending);
        }
    }

    /** Walks from the holding directory up to the share root, collecting what each watch there selects. */
    private void collect(HavenFs fs, UUID fsId, Change c, Map<Watch, List<NotifyChange>> hits) {
        long dir = c.directory();
        int levels = c.path().size();
        for (int up = 0; up < levels; up++) {
            Set<Watch> watches = byDir.get(new Dir(fsId, dir));
            if (watches != null) {
                for (Watch w : watches) {
                    if ((up == 0 || w.watchTree()) && w.filter().selects(c.kind())) {
                        hits.computeIfAbsent(w, k -> new java.util.ArrayList<>())
                                .add(new NotifyChange(c.action(), c.nameBelow(up)));
                    }
                }
            }
            if (treeWatches.get() == 0 || up + 1 == levels) {
                return;
            }
            long parent = parentOf(fs, dir);
            if (parent == 0 || parent == dir) {
                return;
            }
            dir = parent;
        }
    }

    private static long parentOf(HavenFs fs, long dir) {
        try {
            return fs.attributes(dir).parent();
        } catch (FsException gone) {
            return 0; // removed meanwhile: no watch above it can be reached by name any more
        }
    }
}
