package dev.haven.files.snapshot;

import dev.haven.block.BlockDevice;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.service.Share;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import dev.haven.fs.MountOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The previous versions of one share: its file system's read-only snapshots, each named by the
 * second it was taken (UTC), as clients name them ({@code @GMT-} tokens have one-second
 * resolution, [MS-SMB2] 2.2.13.2.7 TWrp is rounded down to the second).
 *
 * <p>Two snapshots taken in the same second are one version: the newer one (higher in the
 * source's order of creation instants, the later listed on a tie) serves that second, as it is
 * the state at the end of that second; the older one is not reachable by time.
 *
 * <p>A version is mounted the first time it is opened (HavenFS read-only on the snapshot's view)
 * and stays mounted until its snapshot disappears from the source or the catalog closes. The
 * share it serves has the live share's name, root directory and read-only flag, so paths resolve
 * as they do live; changes through it fail with {@link FileServiceError#READ_ONLY} because its
 * file system refuses them. Thread-safe.
 */
public final class SnapshotCatalog implements AutoCloseable {
    private final Share live;
    private final SnapshotSource source;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    /** Mounted versions by snapshot name; guarded by {@link #lock}. */
    private final Map<String, Mounted> mounted = new HashMap<>();
    private boolean closed;

    private record Mounted(BlockDevice device, HavenFs fs, Share share) {}

    /** The catalog of {@code live}'s previous versions from {@code source}; mounts use {@code clock}. */
    public SnapshotCatalog(Share live, SnapshotSource source, Clock clock) {
        this.live = live;
        this.source = source;
        this.clock = clock;
    }

    /** The versions, newest first: the distinct seconds (UTC) at which a read-only snapshot was taken. */
    public List<Instant> versions() {
        return byVersion().stream().map(p -> second(p.created())).toList();
    }

    /**
     * The share as it was at {@code version} (rounded down to the second); empty when no snapshot
     * was taken in that second, or when the share's directory did not exist yet then.
     */
    public Optional<Share> at(Instant version) {
        Instant wanted = second(version);
        Optional<SnapshotPoint> point = byVersion().stream().filter(p -> second(p.created()).equals(wanted))
                .findFirst();
        if (point.isEmpty()) {
            return Optional.empty();
        }
        Share share = mount(point.get().name());
        try {
            if (!share.fs().attributes(share.root()).isDirectory()) {
                return Optional.empty();
            }
        } catch (FsException e) {
            return Optional.empty(); // the share's directory came later than this snapshot
        }
        return Optional.of(share);
    }

    /** One snapshot per second, the newest of each second, newest first; unmounts deleted ones. */
    private List<SnapshotPoint> byVersion() {
        List<SnapshotPoint> all;
        try {
            all = new ArrayList<>(source.readOnlySnapshots());
        } catch (IOException e) {
            throw new UncheckedIOException("listing the snapshots of share " + live.name(), e);
        }
        forgetMissing(all);
        // Stable sort, newest first: of equal instants the later listed counts as newer.
        List<SnapshotPoint> newestFirst = new ArrayList<>(all);
        java.util.Collections.reverse(newestFirst);
        newestFirst.sort(Comparator.comparing(SnapshotPoint::created).reversed());
        List<SnapshotPoint> out = new ArrayList<>();
        for (SnapshotPoint p : newestFirst) {
            if (out.isEmpty() || !second(out.get(out.size() - 1).created()).equals(second(p.created()))) {
                out.add(p);
            }
        }
        return out;
    }

    private static Instant second(Instant t) {
        return t.truncatedTo(ChronoUnit.SECONDS);
    }

    private Share mount(String name) {
        lock.lock();
        try {
            if (closed) {
                throw new FileServiceException(FileServiceError.NOT_FOUND, "share " + live.name() + " is closing");
            }
            Mounted m = mounted.get(name);
            if (m == null) {
                m = open(name);
                mounted.put(name, m);
            }
            return m.share();
        } finally {
            lock.unlock();
        }
    }

    private Mounted open(String name) {
        BlockDevice device = null;
        try {
            device = source.view(name);
            HavenFs fs = HavenFs.mount(device, MountOptions.DEFAULT.withClock(clock).asReadOnly());
            return new Mounted(device, fs, new Share(live.name(), fs, live.root(), live.readOnly()));
        } catch (IOException | RuntimeException e) {
            closeQuietly(device);
            if (e instanceof FsException fe) {
                throw new FileServiceException(FileServiceError.IO_ERROR, "snapshot " + name + ": " + fe.getMessage());
            }
            // Deleted between the listing and the mount: as if it had never been listed.
            throw new FileServiceException(FileServiceError.NOT_FOUND, "snapshot " + name + ": " + e.getMessage());
        }
    }

    private void forgetMissing(List<SnapshotPoint> existing) {
        lock.lock();
        try {
            List<String> names = existing.stream().map(SnapshotPoint::name).toList();
            mounted.entrySet().removeIf(e -> {
                if (names.contains(e.getKey())) {
                    return false;
                }
                unmount(e.getValue());
                return true;
            });
        } finally {
            lock.unlock();
        }
    }

    /** Number of versions mounted now (for tests and metrics). */
    public int mountedCount() {
        lock.lock();
        try {
            return mounted.size();
        } finally {
            lock.unlock();
        }
    }

    /** Unmounts every version; later lookups find nothing. Opens on them fail from now on. */
    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            mounted.values().forEach(SnapshotCatalog::unmount);
            mounted.clear();
        } finally {
            lock.unlock();
        }
    }

    private static void unmount(Mounted m) {
        try {
            m.fs().close();
        } catch (FsException | RuntimeException e) {
            // A read-only mount writes nothing at close; nothing to report beyond the device close.
        }
        closeQuietly(m.device());
    }

    private static void closeQuietly(BlockDevice d) {
        if (d != null) {
            try {
                d.close();
            } catch (IOException | RuntimeException e) {
                // read-only view: nothing is lost
            }
        }
    }
}
