package dev.haven.files.service;

import dev.haven.fs.HavenFs;
import java.util.Objects;

/**
 * A share: a directory of a mounted file system offered to clients under a name.
 *
 * @param name     the share name clients ask for
 * @param fs       the mounted file system
 * @param root     inode of the share's root directory; nothing above it is reachable
 * @param readOnly no changes through this share, whatever the file system allows
 */
public record Share(String name, HavenFs fs, long root, boolean readOnly) {
    /** Checks the fields. */
    public Share {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fs, "fs");
    }

    /** The whole file system as a share. */
    public static Share of(String name, HavenFs fs, boolean readOnly) {
        return new Share(name, fs, HavenFs.ROOT, readOnly || fs.isReadOnly());
    }

    /** True when names match case-insensitively (as the file system says). */
    public boolean caseInsensitive() {
        return fs.caseInsensitive();
    }
}
