package dev.haven.files.notify;

/**
 * [MS-SMB2] 2.2.35 CompletionFilter / [MS-FSA] 2.1.5.10: which kinds of change a watch reports,
 * and which kinds one change is. Unknown bits are kept (a client may send them; they select
 * nothing).
 *
 * @param bits the FILE_NOTIFY_CHANGE_* bits
 */
public record NotifyFilter(int bits) {
    /** FILE_NOTIFY_CHANGE_FILE_NAME: a file was added, removed or renamed. */
    public static final NotifyFilter FILE_NAME = new NotifyFilter(0x001);
    /** FILE_NOTIFY_CHANGE_DIR_NAME: a directory was added, removed or renamed. */
    public static final NotifyFilter DIR_NAME = new NotifyFilter(0x002);
    /** FILE_NOTIFY_CHANGE_ATTRIBUTES. */
    public static final NotifyFilter ATTRIBUTES = new NotifyFilter(0x004);
    /** FILE_NOTIFY_CHANGE_SIZE. */
    public static final NotifyFilter SIZE = new NotifyFilter(0x008);
    /** FILE_NOTIFY_CHANGE_LAST_WRITE. */
    public static final NotifyFilter LAST_WRITE = new NotifyFilter(0x010);
    /** FILE_NOTIFY_CHANGE_LAST_ACCESS. */
    public static final NotifyFilter LAST_ACCESS = new NotifyFilter(0x020);
    /** FILE_NOTIFY_CHANGE_CREATION. */
    public static final NotifyFilter CREATION = new NotifyFilter(0x040);
    /** FILE_NOTIFY_CHANGE_EA. */
    public static final NotifyFilter EA = new NotifyFilter(0x080);
    /** FILE_NOTIFY_CHANGE_SECURITY. */
    public static final NotifyFilter SECURITY = new NotifyFilter(0x100);
    /** FILE_NOTIFY_CHANGE_STREAM_NAME. */
    public static final NotifyFilter STREAM_NAME = new NotifyFilter(0x200);
    /** FILE_NOTIFY_CHANGE_STREAM_SIZE. */
    public static final NotifyFilter STREAM_SIZE = new NotifyFilter(0x400);
    /** FILE_NOTIFY_CHANGE_STREAM_WRITE. */
    public static final NotifyFilter STREAM_WRITE = new NotifyFilter(0x800);
    /** Nothing. */
    public static final NotifyFilter NONE = new NotifyFilter(0);

    /** The union of both filters. */
    public NotifyFilter or(NotifyFilter other) {
        return new NotifyFilter(bits | other.bits);
    }

    /** True when a watch with this filter reports a change of kind {@code change}. */
    public boolean selects(NotifyFilter change) {
        return (bits & change.bits) != 0;
    }

    /** The name filter for a file or a directory. */
    public static NotifyFilter nameOf(boolean directory) {
        return directory ? DIR_NAME : FILE_NAME;
    }
}
