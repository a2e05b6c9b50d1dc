package dev.haven.node;

import dev.haven.fs.FormatOptions;
import dev.haven.fs.FsLifecycle;
import dev.haven.fs.HavenFs;
import dev.haven.fs.MountOptions;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * A HavenFS mounted on the production device of its volume. Close order: sync and close the
 * file system (its last commit lands on the volume), then close the volume.
 */
public final class MountedFileSystem implements AutoCloseable {
    private final FileSystemConfig config;
    private final Volume volume;
    private final HavenFs fs;

    private MountedFileSystem(FileSystemConfig config, Volume volume, HavenFs fs) {
        this.config = config;
        this.volume = volume;
        this.fs = fs;
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
        Volume volume = Volume.open(path);
        try {
            HavenFs fs = HavenFs.mount(volume.production(), MountOptions.DEFAULT.withClock(clock));
            boolean insensitive = config.caseHandling() == CaseHandling.INSENSITIVE;
            if (fs.caseInsensitive() != insensitive) {
                fs.close();
                throw new IOException("filesystem " + config.name() + " was formatted case-"
                        + (fs.caseInsensitive() ? "insensitive" : "sensitive") + " but haven.conf says case = "
                        + (insensitive ? "insensitive" : "sensitive") + " (case handling is fixed at format)");
            }
            return new MountedFileSystem(config, volume, fs);
        } catch (IOException | RuntimeException e) {
            volume.close();
            throw e;
        }
    }

    /** Its configuration. */
    public FileSystemConfig config() {
        return config;
    }

    /** The mounted file system. */
    public HavenFs fs() {
        return fs;
    }

    /** The volume under it. */
    public Volume volume() {
        return volume;
    }

    /** Commits pending changes when they are due (the node's periodic tick). */
    void tick() throws IOException {
        // A failed file system already reported its error once and refuses every change (fail-stop).
        if (fs.state() == FsLifecycle.MOUNTED) {
            fs.commitIfDue();
        }
    }

    @Override
    public void close() throws IOException {
        try (volume) {
            try {
                fs.sync();
            } finally {
                fs.close();
            }
        }
    }
}
