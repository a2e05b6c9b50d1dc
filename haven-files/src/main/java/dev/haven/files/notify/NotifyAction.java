package dev.haven.files.notify;

/** [MS-FSCC] 2.4.42: the Action of a FILE_NOTIFY_INFORMATION entry, what happened to the name. */
public enum NotifyAction {
    /** FILE_ACTION_ADDED. */
    ADDED(1),
    /** FILE_ACTION_REMOVED. */
    REMOVED(2),
    /** FILE_ACTION_MODIFIED. */
    MODIFIED(3),
    /** FILE_ACTION_RENAMED_OLD_NAME: always directly followed by its RENAMED_NEW_NAME. */
    RENAMED_OLD_NAME(4),
    /** FILE_ACTION_RENAMED_NEW_NAME. */
    RENAMED_NEW_NAME(5),
    /** FILE_ACTION_ADDED_STREAM. */
    ADDED_STREAM(6),
    /** FILE_ACTION_REMOVED_STREAM. */
    REMOVED_STREAM(7),
    /** FILE_ACTION_MODIFIED_STREAM. */
    MODIFIED_STREAM(8);

    private final int code;

    NotifyAction(int code) {
        this.code = code;
    }

    /** The Action value on the wire. */
    public int code() {
        return code;
    }
}
