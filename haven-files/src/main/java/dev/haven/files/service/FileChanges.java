package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.notify.Change;
import dev.haven.files.notify.ChangeNotifier;
import dev.haven.files.notify.NotifyAction;
import dev.haven.files.notify.NotifyFilter;
import dev.haven.files.notify.Watch;
import java.util.List;

/**
 * The file service's side of change notification ([MS-FSA] 2.1.5.10): sets up the watch of a
 * directory open, ends it when the open closes, and publishes every change made through an open
 * to the {@link ChangeNotifier}, named by the open's path. Sibling components (security
 * descriptors, extended attributes, streams) report their changes through
 * {@link #modified(Open, NotifyFilter)} and {@link #stream}.
 */
public final class FileChanges {
    /** What a write changes: the size (when it grows the file) and the last-write time. */
    static final NotifyFilter WRITE = NotifyFilter.SIZE.or(NotifyFilter.LAST_WRITE);
    /** What an overwriting open changes. */
    static final NotifyFilter OVERWRITE = WRITE.or(NotifyFilter.ATTRIBUTES);

    private final FileService service;
    private final ChangeNotifier notifier;

    FileChanges(FileService service, ChangeNotifier notifier) {
        this.service = service;
        this.notifier = notifier;
    }

    /**
     * The change watch of a directory open ([MS-SMB2] 3.3.5.19): the open's existing watch, or a
     * new one with this filter, WatchTree flag and buffer size. A file is INVALID_PARAMETER; the
     * open needs FILE_LIST_DIRECTORY.
     */
    public Watch watch(Open open, NotifyFilter filter, boolean watchTree, int bufferSize) {
        if (!open.isDirectory()) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "change notify on a file: " + open);
        }
        // FILE_LIST_DIRECTORY shares its bit with FILE_READ_DATA ([MS-SMB2] 2.2.13.1.2).
        if (!open.granted().hasAny(AccessMask.FILE_READ_DATA)) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "no FILE_LIST_DIRECTORY on " + open);
        }
        Watch w = notifier.watch(open.id(), open.share().fs(), open.inode(), filter, watchTree, bufferSize);
        if (!service.isOpen(open)) { // closed meanwhile: its close may have missed the new watch
            notifier.unwatch(open.id());
            throw new FileServiceException(FileServiceError.FILE_CLOSED, open.toString());
        }
        return w;
    }

    /** Reports a change of the open's file of kind {@code kind} (MODIFIED); nothing for the share root. */
    public void modified(Open open, NotifyFilter kind) {
        Open.Location at = open.location();
        if (at != null && at.path() != null && !notifier.isIdle()) { // every write comes here: nothing to build while no one watches
            publish(open.share(), new Change(at.parent(), at.path().components(), NotifyAction.MODIFIED, kind));
        }
    }

    /** Reports a change to the stream {@code stream} of the open's file; the name reported is "file:stream". */
    public void stream(Open open, String stream, NotifyAction action, NotifyFilter kind) {
        Open.Location at = open.location();
        if (at != null && at.path() != null) {
            List<String> path = new java.util.ArrayList<>(at.path().components());
            path.set(path.size() - 1, at.name() + ":" + stream);
            publish(open.share(), new Change(at.parent(), path, action, kind));
        }
    }

    /** A name was added in directory {@code parent}. */
    void created(Share share, long parent, SharePath path, boolean directory) {
        publish(share, new Change(parent, path.components(), NotifyAction.ADDED, NotifyFilter.nameOf(directory)));
    }

    /** A name was removed from directory {@code parent}. */
    void removed(Share share, long parent, SharePath path, boolean directory) {
        publish(share, new Change(parent, path.components(), NotifyAction.REMOVED, NotifyFilter.nameOf(directory)));
    }

    /** Times and attributes changed: the kinds follow the fields that were set. */
    void basicInfo(Open open, BasicInfo info) {
        NotifyFilter kind = NotifyFilter.NONE;
        kind = info.dosAttributes() != null ? kind.or(NotifyFilter.ATTRIBUTES) : kind;
        kind = info.lastWriteTime() != null ? kind.or(NotifyFilter.LAST_WRITE) : kind;
        kind = info.lastAccessTime() != null ? kind.or(NotifyFilter.LAST_ACCESS) : kind;
        kind = info.creationTime() != null ? kind.or(NotifyFilter.CREATION) : kind;
        if (kind.bits() != 0) {
            modified(open, kind);
        }
    }

    /**
     * [MS-FSA] 2.1.5.14.11: a rename within one directory reports the old and the new name as a
     * pair; a move to another directory is a removal there and an addition here.
     */
    void renamed(Open open, Open.Location from, Open.Location to) {
        if (from.path() == null || to.path() == null) {
            return; // a named stream: not a name of the namespace
        }
        NotifyFilter kind = NotifyFilter.nameOf(open.isDirectory());
        boolean sameDir = from.parent() == to.parent();
        Change old = new Change(from.parent(), from.path().components(),
                sameDir ? NotifyAction.RENAMED_OLD_NAME : NotifyAction.REMOVED, kind);
        Change now = new Change(to.parent(), to.path().components(),
                sameDir ? NotifyAction.RENAMED_NEW_NAME : NotifyAction.ADDED, kind);
        notifier.changed(open.share().fs(), List.of(old, now));
    }

    /** A directory open was marked for deletion: requests waiting on it end. */
    void deletePending(Open open) {
        if (open.isDirectory()) {
            notifier.deletePending(open.share().fs(), open.inode());
        }
    }

    /** The open closed: its watch ends. */
    void closed(Open open) {
        if (open.isDirectory()) {
            notifier.unwatch(open.id());
        }
    }

    /** Number of watches (for tests and metrics). */
    public int watchCount() {
        return notifier.size();
    }

    private void publish(Share share, Change c) {
        notifier.changed(share.fs(), List.of(c));
    }
}
