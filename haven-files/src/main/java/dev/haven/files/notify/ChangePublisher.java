package dev.haven.files.notify;

import dev.haven.fs.HavenFs;
import java.util.List;

/**
 * Where the file service and its sibling components report every change they make, before the
 * client is answered. Implementations must be thread-safe and must not block on I/O other than
 * reading the file system's metadata.
 */
public interface ChangePublisher {
    /** A publisher that drops everything. */
    ChangePublisher NONE = new ChangePublisher() {
        @Override
        public void changed(HavenFs fs, List<Change> changes) {
        }

        @Override
        public void deletePending(HavenFs fs, long directory) {
        }
    };

    /**
     * Reports changes made in {@code fs}; changes in one call reach each watch together (a
     * rename's old and new name are never split across two responses).
     */
    void changed(HavenFs fs, List<Change> changes);

    /** Reports that the directory {@code directory} of {@code fs} was marked for deletion. */
    void deletePending(HavenFs fs, long directory);
}
