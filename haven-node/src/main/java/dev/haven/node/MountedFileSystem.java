package dev.haven.node;

import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import dev.haven.files.service.Share;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.FsLifecycle;
import dev.haven.fs.HavenFs;
import dev.haven.fs.MountOptions;
import dev.haven.volume.Restore;
import dev.haven.volume.RestoreProgress;
import dev.haven.volume.SnapshotInfo;
import dev.haven.volume.SnapshotKind;
import dev.haven.volume.Volume;
import dev.haven.volume.VolumeOptions;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A HavenFS mounted on the production device of its volume, plus the snapshots of it that shares
 * serve (each mounted once, however many shares use it). Snapshot operations run one at a time.
 * Close order: the snapshot mounts, then sync and close the file system (its last commit lands on
 * the volume), then close the volume.
 */
public final class MountedFileSystem implements AutoCloseable {
    private static final Logger LOG = System.getLogger(MountedFileSystem.class.getName());

    private final FileSystemConfig config;
    private final Volume volume;
    private final Clock clock;
    private volatile HavenFs fs;
    /** One snapshot, create, refresh, delete or restore at a time; guards {@link #views}. */
    private final ReentrantLock admin = new ReentrantLock();
    private final Map<String, View> views = new HashMap<>();

    /** A snapshot mounted for shares, with the number of shares on it. */
    private static final class View {
        final HavenFs fs;
        int users;

        View(HavenFs fs) {
            this.fs = fs;
        }
    }

    private MountedFileSystem(FileSystemConfig config, Volume volume, HavenFs fs, Clock clock) {
        this.config = config;
        this.volume = volume;
        this.fs = fs;
        this.clock = clock;
    }

    /** Creates a sparse volume at {@code path} and formats it (first start). */
    static void create(Path path, long sizeBytes, CaseHandling caseHandling, Clock clock) throws IOException {
        try (Volume v = Volume.create(path, sizeBytes, Volume.MIN_BLOCK_SIZE);
                HavenFs fs = HavenFs.format(v.production(),
                        new FormatOptions(caseHandling == CaseHandling.INSENSITIVE, clock))) {
            fs.sync();
        }
    }

    /** Opens the volume at {@code path} and mounts its file system read-write. */
    static MountedFileSystem open(FileSystemConfig config, Path path, Clock clock) throws IOException {
        Volume volume = Volume.open(path, VolumeOptions.defaults().withClock(clock));
        try {
            HavenFs fs = HavenFs.mount(volume.production(), MountOptions.DEFAULT.withClock(clock));
            boolean insensitive = config.caseHandling() == CaseHandling.INSENSITIVE;
            if (fs.caseInsensitive() != insensitive) {
                fs.close();
                throw new IOException("filesystem " + config.name() + " was formatted case-"
                        + (fs.caseInsensitive() ? "insensitive" : "sensitive") + " but haven.conf says case = "
                        + (insensitive ? "insensitive" : "sensitive") + " (case handling is fixed at format)");
            }
            return new MountedFileSystem(config, volume, fs, clock);
        } catch (IOException | RuntimeException e) {
            volume.close();
            throw e;
        }
    }

    /** Its configuration. */
    public FileSystemConfig config() {
        return config;
    }

    /** The mounted file system (a new mount after a restore). */
    public HavenFs fs() {
        return fs;
    }

    /** The clock its mounts use. */
    Clock clock() {
        return clock;
    }

    /** The volume under it. */
    public Volume volume() {
        return volume;
    }

    /** Every snapshot of the volume, oldest first. */
    public List<SnapshotInfo> snapshots() {
        return volume.snapshots();
    }

    /** The running restore's progress, or null. */
    public RestoreProgress restoreProgress() {
        Restore r = volume.currentRestore();
        return r == null ? null : r.progress();
    }

    /**
     * Takes a consistent read-only snapshot while clients work: freeze (new changes wait, running
     * ones finish, everything is committed with the clean flag), snapshot the volume, thaw.
     */
    public LiveSnapshot snapshot(String nameOrNull) throws IOException {
        if (nameOrNull != null) {
            SnapshotInfo.checkName(nameOrNull);
        }
        return locked(() -> {
            // Commit what is dirty while clients still run, so the freeze below has little left to write.
            fs.sync();
            long start = System.nanoTime();
            fs.freeze();
            SnapshotInfo info;
            try {
                info = volume.createSnapshot(nameOrNull);
            } finally {
                fs.thaw();
            }
            Duration pause = Duration.ofNanos(System.nanoTime() - start);
            LOG.log(Level.INFO, "filesystem {0}: snapshot {1} taken, changes paused {2} ms", config.name(),
                    info.name(), pause.toNanos() / 1e6);
            return new LiveSnapshot(info, pause);
        });
    }

    /** Makes writable snapshot {@code name} on read-only snapshot {@code base}. */
    public SnapshotInfo createWritable(String base, String name) throws IOException {
        SnapshotInfo.checkName(name);
        return locked(() -> volume.createWritable(base, name));
    }

    /** Re-bases writable snapshot {@code name} (refused while a share serves it: its mount would go stale). */
    public void refresh(String name, String fromOrNull) throws IOException {
        locked(() -> {
            refuseIfServed(name, "refresh");
            if (fromOrNull == null) {
                // The fresh base is a snapshot of production: take it live, so it is consistent.
                fs.freeze();
                try {
                    volume.refresh(name, null);
                } finally {
                    fs.thaw();
                }
            } else {
                volume.refresh(name, fromOrNull);
            }
            return null;
        });
    }

    /** Deletes a snapshot (refused while a share serves it). */
    public void delete(String name) throws IOException {
        locked(() -> {
            refuseIfServed(name, "delete");
            volume.delete(name);
            return null;
        });
    }

    /**
     * Restores production from snapshot {@code from} while clients stay connected. The opens on
     * this file system are closed first (their handles answer STATUS_FILE_CLOSED from then on:
     * the files they name may not exist, or may be other files, in the restored state); then the
     * file system is frozen and unmounted, the volume restore starts (production reads the
     * snapshot's blocks at once, a background copy follows), a fresh mount replaces the old one
     * in every share, and new opens and reads see the restored data.
     */
    public RestoreProgress restore(String from, FileService files, List<Share> shares) throws IOException {
        return locked(() -> {
            volume.snapshots().stream().filter(s -> s.name().equals(from)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no snapshot named " + from + " in filesystem "
                            + config.name()));
            HavenFs old = fs;
            for (Open open : files.opens()) {
                if (open.share().fs() == old) {
                    closeQuietly(files, open);
                }
            }
            old.freeze();
            old.close();
            Restore r = volume.restore(from);
            HavenFs fresh = HavenFs.mount(volume.production(), MountOptions.DEFAULT.withClock(clock));
            fs = fresh;
            for (Share s : shares) {
                if (s.fs() == old) {
                    s.remount(fresh);
                }
            }
            LOG.log(Level.INFO, "filesystem {0}: restoring from {1}; production serves the restored state now",
                    config.name(), from);
            return r.progress();
        });
    }

    private static void closeQuietly(FileService files, Open open) {
        try {
            files.close(open);
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "restore: open {0} was already closed", open);
        }
    }

    /** Mounts snapshot {@code name} for a share (once; later shares reuse the mount). */
    HavenFs mountSnapshot(String name) throws IOException {
        return locked(() -> {
            View v = views.get(name);
            if (v == null) {
                SnapshotInfo info = volume.snapshots().stream().filter(s -> s.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("no snapshot named " + name
                                + " in filesystem " + config.name()));
                MountOptions options = MountOptions.DEFAULT.withClock(clock);
                v = new View(HavenFs.mount(volume.view(name),
                        info.kind() == SnapshotKind.WRITABLE ? options : options.asReadOnly()));
                views.put(name, v);
            }
            v.users++;
            return v.fs;
        });
    }

    /** A share on snapshot {@code name} went away; the last one unmounts it. */
    void releaseSnapshot(String name) throws IOException {
        locked(() -> {
            View v = views.get(name);
            if (v != null && --v.users == 0) {
                views.remove(name);
                closeView(v.fs);
            }
            return null;
        });
    }

    private void refuseIfServed(String name, String what) {
        if (views.containsKey(name)) {
            throw new IllegalStateException("cannot " + what + " snapshot " + name + " of filesystem "
                    + config.name() + ": a share serves it (delete the share first)");
        }
    }

    private interface Step<T> {
        T run() throws IOException;
    }

    private <T> T locked(Step<T> step) throws IOException {
        admin.lock();
        try {
            return step.run();
        } finally {
            admin.unlock();
        }
    }

    /** Commits pending changes when they are due (the node's periodic tick). */
    void tick() throws IOException {
        // A failed file system already reported its error once and refuses every change (fail-stop).
        HavenFs current = fs;
        if (current.state() == FsLifecycle.MOUNTED) {
            current.commitIfDue();
        }
        if (admin.tryLock()) {
            try {
                for (View v : views.values()) {
                    if (!v.fs.isReadOnly() && v.fs.state() == FsLifecycle.MOUNTED) {
                        v.fs.commitIfDue();
                    }
                }
            } finally {
                admin.unlock();
            }
        }
    }

    private static void closeView(HavenFs view) throws IOException {
        try {
            if (!view.isReadOnly()) {
                view.sync();
            }
        } finally {
            view.close();
        }
    }

    @Override
    public void close() throws IOException {
        try (volume) {
            admin.lock();
            try {
                for (View v : views.values()) {
                    closeView(v.fs);
                }
                views.clear();
            } finally {
                admin.unlock();
            }
            try {
                fs.sync();
            } finally {
                fs.close();
            }
        }
    }
}
