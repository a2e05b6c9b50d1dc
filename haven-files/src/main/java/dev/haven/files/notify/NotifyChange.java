package dev.haven.files.notify;

import java.util.Objects;

/**
 * One reported change: what happened and the name it happened to, relative to the watched
 * directory with components joined by '\' ([MS-FSCC] 2.4.42 FILE_NOTIFY_INFORMATION).
 *
 * @param action what happened
 * @param name   the name relative to the watched directory
 */
public record NotifyChange(NotifyAction action, String name) {
    /** The fixed part of FILE_NOTIFY_INFORMATION: NextEntryOffset, Action, FileNameLength. */
    static final int FIXED_SIZE = 12;

    /** Checks the fields. */
    public NotifyChange {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(name, "name");
    }

    /** The entry's size on the wire without padding: the fixed part and the UTF-16 name. */
    public int size() {
        return FIXED_SIZE + 2 * name.length();
    }

    /** The entry's size when another follows: [MS-FSCC] 2.4.42 aligns each entry to 4 bytes. */
    public int alignedSize() {
        return (size() + 3) & ~3;
    }
}
