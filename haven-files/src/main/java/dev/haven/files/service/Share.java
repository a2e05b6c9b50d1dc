package dev.haven.files.service;

import dev.haven.fs.HavenFs;
import java.util.Objects;

/**
 * A share: a directory of a mounted file system offered to clients under a name. The file
 * system can be replaced by a fresh mount of the same volume ({@link #remount}) when the node
 * restores it from a snapshot while clients stay connected; everything else is fixed.
 */
public final class Share {
    private final String name;
    private final long root;
    private final boolean readOnly;
    private volatile HavenFs fs;

    /**
     * A share.
     *
     * @param name     the share name clients ask for
     * @param fs       the mounted file system
     * @param root     inode of the share's root directory; nothing above it is reachable
     * @param readOnly no changes through this share, whatever the file system allows
     */
    public Share(String name, HavenFs fs, long root, boolean readOnly) {
        this.name = Objects.requireNonNull(name, "name");
        this.fs = Objects.requireNonNull(fs, "fs");
        this.root = root;
        this.readOnly = readOnly;
    }

    /** The whole file system as a share. */
    public static Share of(String name, HavenFs fs, boolean readOnly) {
        return new Share(name, fs, HavenFs.ROOT, readOnly || fs.isReadOnly());
    }

    /** The share name clients ask for. */
    public String name() {
        return name;
    }

    /** The mounted file system (the newest mount after a {@link #remount}). */
    public HavenFs fs() {
        return fs;
    }

    /** Inode of the share's root directory. */
    public long root() {
        return root;
    }

    /** No changes through this share. */
    public boolean readOnly() {
        return readOnly;
    }

    /** True when names match case-insensitively (as the file system says). */
    public boolean caseInsensitive() {
        return fs.caseInsensitive();
    }

    /**
     * Serves {@code replacement}, a new mount of the same file system (same id), from now on.
     * Opens made through the old mount are the caller's to close: their file ids may not exist
     * in the new one.
     */
    public void remount(HavenFs replacement) {
        if (!replacement.fsId().equals(fs.fsId())) {
            throw new IllegalArgumentException("remount must keep the file system: " + fs.fsId() + " became "
                    + replacement.fsId());
        }
        fs = replacement;
    }

    @Override
    public String toString() {
        return "Share[" + name + "]";
    }
}
