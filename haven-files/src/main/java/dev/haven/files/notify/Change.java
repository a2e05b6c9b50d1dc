package dev.haven.files.notify;

import java.util.List;
import java.util.Objects;

/**
 * One change the file service made, as it publishes it: the directory that holds the changed
 * name, the name's path from the share root (its last component is the name, with
 * {@code ":stream"} appended for a stream change), what happened and which filter bits it
 * matches.
 *
 * @param directory inode of the directory holding the name
 * @param path      the components from the share root down to the name; never empty
 * @param action    what happened
 * @param kind      which FILE_NOTIFY_CHANGE_* kinds the change is
 */
public record Change(long directory, List<String> path, NotifyAction action, NotifyFilter kind) {
    /** Checks and copies the fields. */
    public Change {
        path = List.copyOf(path);
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a change names something below the share root");
        }
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(kind, "kind");
    }

    /** The name relative to the directory {@code levels} above the holding one (0: the holding directory). */
    String nameBelow(int levels) {
        return String.join("\\", path.subList(path.size() - 1 - levels, path.size()));
    }
}
