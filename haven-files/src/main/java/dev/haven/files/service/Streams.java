package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.notify.NotifyAction;
import dev.haven.files.notify.NotifyFilter;
import dev.haven.fs.CreateAttributes;
import dev.haven.fs.DirEntry;
import dev.haven.fs.FsError;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import java.util.ArrayList;
import java.util.List;
import dev.haven.files.share.ShareModeOpen;
import dev.haven.files.share.ShareModeTable;

/**
 * Named data streams ([MS-FSCC] 2.1.4). Each stream is an ordinary HavenFS file, so a stream of
 * many MiB costs what a file does: the streams of the file with inode {@code N} are the files of
 * the directory {@code /:streams/N} of the file system. No share can reach that directory: no
 * path component may hold a colon ({@link SharePath}), and listings skip it. Streams belong to the
 * inode, so hard links share them; they are deleted with the file's last name. An open of a
 * stream is an open of the stream's file, with its own share modes ([MS-FSA] 2.1.5.1.2: share
 * access is per stream), and the access check of the file's descriptor.
 */
final class Streams {
    /** The hidden directory at the file-system root that holds every per-file stream directory. */
    static final String ROOT = ":streams";

    private Streams() {
    }

    static boolean isHidden(String name) {
        return name.indexOf(':') >= 0;
    }

    /**
     * Opens {@code options.stream()} of the file {@code path}: the file is opened (created if the
     * disposition creates) and checked as any open, then the disposition applies to the stream.
     */
    static OpenResult open(FileService service, Share share, SharePath path, CreateDisposition disposition,
            OpenOptions options, AccessMask desired, ShareAccess shareAccess, Principal principal) {
        if (options.directory()) {
            throw new FileServiceException(FileServiceError.NOT_A_DIRECTORY, "a stream is not a directory");
        }
        OpenOptions baseOptions = new OpenOptions(false, true, false, false, options.createAttributes(),
                options.securityDescriptor(), null);
        OpenResult base = service.open(share, path, disposition.createsWhenMissing() ? CreateDisposition.OPEN_IF
                : CreateDisposition.OPEN, baseOptions, AccessMask.of(AccessMask.FILE_READ_ATTRIBUTES), ShareAccess.ALL,
                principal);
        try {
            AccessMask granted = grant(share, base, desired, options, disposition, principal);
            long baseIno = base.open().inode();
            Inode dir = FsCall.run(() -> directory(share.fs(), baseIno, disposition.createsWhenMissing()));
            Inode found = dir == null ? null : FsCall.run(() -> child(share.fs(), dir.id(), options.stream(), false));
            CreateAction action;
            if (found == null) {
                if (!disposition.createsWhenMissing()) {
                    throw new FileServiceException(FileServiceError.NOT_FOUND, path + ":" + options.stream());
                }
                found = FsCall.run(() -> share.fs().createFile(dir.id(), options.stream(),
                        new CreateAttributes(0644, 0, 0, FileAttributes.ARCHIVE)));
                action = CreateAction.CREATED;
                service.changes().stream(base.open(), options.stream(), NotifyAction.ADDED_STREAM, NotifyFilter.STREAM_NAME);
            } else {
                action = OpenRules.actionOnExisting(share, found, path, disposition);
            }
            Open open = service.register(share, found, new Open.Location(dir.id(), path, options.stream()), granted,
                    shareAccess, options, baseIno, dev.haven.files.OpenId.random());
            service.truncateFor(open, action);
            return new OpenResult(open, action, service.attributes(open));
        } finally {
            service.close(base.open());
        }
    }

    /** The access check is the file's: a stream has no descriptor of its own. */
    private static AccessMask grant(Share share, OpenResult base, AccessMask desired, OpenOptions options,
            CreateDisposition disposition,
            Principal principal) {
        AccessMask limits = OpenRules.grant(share, desired);
        if (base.action() == CreateAction.CREATED) {
            return limits;
        }
        Open b = base.open();
        Inode file = FsCall.run(() -> share.fs().attributes(b.fileId()));
        Inode parent = FsCall.run(() -> share.fs().attributes(b.location().parent()));
        return AccessMask.of(limits.bits()
                & OpenSecurity.grantExisting(share, file, parent, false, desired, disposition, options, principal).bits());
    }

    /** The stream directory of {@code ino}, made if {@code create}; null if absent and not made. */
    private static Inode directory(HavenFs fs, long ino, boolean create) throws FsException {
        Inode root = child(fs, HavenFs.ROOT, ROOT, create);
        return root == null ? null : child(fs, root.id(), Long.toString(ino), create);
    }

    private static Inode child(HavenFs fs, long dir, String name, boolean create) throws FsException {
        try {
            return fs.lookup(dir, name);
        } catch (FsException e) {
            if (e.error() != FsError.NOT_FOUND || !create) {
                if (e.error() == FsError.NOT_FOUND) {
                    return null;
                }
                throw e;
            }
        }
        try {
            return fs.createDirectory(dir, name, new CreateAttributes(0700, 0, 0, 0));
        } catch (FsException e) {
            if (e.error() == FsError.EXISTS) { // another creator was first
                return fs.lookup(dir, name);
            }
            throw e;
        }
    }

    /** The default stream and the named streams of {@code ino}. */
    static List<StreamInfo> list(HavenFs fs, long ino, boolean directory) throws FsException {
        List<StreamInfo> out = new ArrayList<>();
        if (directory) {
            return out;
        }
        Inode file = fs.attributes(ino);
        out.add(new StreamInfo("::$DATA", file.size(), file.allocationSize()));
        Inode dir = directory(fs, ino, false);
        if (dir != null) {
            for (DirEntry e : fs.listAll(dir.id())) {
                Inode s = fs.attributes(e.inode());
                out.add(new StreamInfo(":" + e.name() + ":$DATA", s.size(), s.allocationSize()));
            }
        }
        return out;
    }

    /** An open of the file for DELETE must be shared by the opens of its streams too ([MS-FSA] 2.1.5.1.2.1). */
    static void checkDeleteSharing(ShareModeTable shareModes, Share share, long ino) {
        FsCall.run(() -> {
            Inode dir = directory(share.fs(), ino, false);
            for (DirEntry e : dir == null ? List.<DirEntry>of() : share.fs().listAll(dir.id())) {
                for (ShareModeOpen o : shareModes.opensOf(FileService.keyOf(share, e.inode()))) {
                    if (!o.share().delete()) {
                        throw new FileServiceException(FileServiceError.SHARING_VIOLATION, "stream " + e.name() + " is open");
                    }
                }
            }
            return null;
        });
    }

    /**
     * The attributes of the open's file; for a stream, the file's times, attributes and id with
     * the stream's sizes ([MS-FSCC] 2.4.7: basic information is per file, sizes per stream).
     */
    static Inode metadata(Open open) throws FsException {
        HavenFs fs = open.share().fs();
        Inode own = fs.attributes(open.fileId());
        if (open.streamOf() == 0 || !exists(fs, open.streamOf())) {
            return own; // a stream outlives its deleted file until its last close
        }
        Inode f = fs.attributes(open.streamOf());
        return new Inode(f.id(), f.generation(), f.type(), f.mode(), f.uid(), f.gid(), f.linkCount(), own.size(),
                own.allocationSize(), f.birthTime(), f.lastWriteTime(), f.changeTime(), f.lastAccessTime(),
                f.dosAttributes(), f.parent());
    }

    /**
     * After the open's close: [MS-FSA] 2.1.5.4 deletes what was marked (the close itself always
     * succeeds; a directory that gained entries, or a name already gone, is left as it is). The
     * streams of a file go with its last name. While one of its streams is still open, the file
     * stays delete-pending (in {@code deferred}, by file key) and goes, name and streams, at the
     * last close of its streams, as Windows does ({@code isOpen} tells whether an inode has opens).
     * Returns true when the open's own name was removed.
     */
    static boolean afterClose(Open open, boolean delete, java.util.function.LongPredicate isOpen,
            java.util.Map<FileKey, Open.Location> deferred) {
        HavenFs fs = open.share().fs();
        boolean removed = false;
        try {
            Open.Location at = open.location();
            if (delete && open.isDirectory()) {
                fs.removeDirectory(at.parent(), at.name());
                removed = true;
            } else if (delete && open.streamOf() == 0 && !allClosed(fs, open.inode(), isOpen)) {
                deferred.put(open.key(), at);
            } else if (delete) {
                boolean lastName = open.streamOf() == 0 && fs.attributes(open.inode()).linkCount() == 1;
                fs.unlink(at.parent(), at.name());
                removed = true;
                if (lastName) {
                    removeAll(fs, open.inode());
                }
            }
            if (open.streamOf() != 0 && allClosed(fs, open.streamOf(), isOpen)) {
                Open.Location base = deferred.remove(FileService.keyOf(open.share(), open.streamOf()));
                if (base != null) {
                    boolean lastName = fs.attributes(open.streamOf()).linkCount() == 1;
                    fs.unlink(base.parent(), base.name());
                    if (lastName) {
                        removeAll(fs, open.streamOf());
                    }
                }
            }
        } catch (FsException e) {
            if (e.error() != FsError.NOT_EMPTY && e.error() != FsError.NOT_FOUND) {
                throw FsFailure.of(e);
            }
        }
        return removed;
    }

    private static boolean exists(HavenFs fs, long ino) throws FsException {
        try {
            fs.attributes(ino);
            return true;
        } catch (FsException e) {
            if (e.error() == FsError.NOT_FOUND || e.error() == FsError.STALE) {
                return false;
            }
            throw e;
        }
    }

    private static boolean allClosed(HavenFs fs, long ino, java.util.function.LongPredicate isOpen) throws FsException {
        Inode dir = directory(fs, ino, false);
        if (dir != null) {
            for (DirEntry e : fs.listAll(dir.id())) {
                if (isOpen.test(e.inode())) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Renames a named stream within its file; the default stream cannot be a source or a target
     * here, and an open stream cannot be replaced.
     */
    static void rename(Open open, String stream, boolean replace, java.util.function.LongPredicate isOpen) {
        Open.Location from = open.location();
        if (open.streamOf() == 0 || stream == null || stream.isEmpty()) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "stream rename of " + open + " to '" + stream + "'");
        }
        FsCall.run(() -> {
            HavenFs fs = open.share().fs();
            Inode existing = child(fs, from.parent(), stream, false);
            if (existing != null && existing.id() != open.inode()) {
                if (!replace) {
                    throw new FileServiceException(FileServiceError.EXISTS, "stream " + stream);
                }
                if (isOpen.test(existing.id())) {
                    throw new FileServiceException(FileServiceError.ACCESS_DENIED, "stream " + stream + " is open");
                }
            }
            fs.rename(from.parent(), from.name(), from.parent(), stream, replace);
            return null;
        });
        open.moveTo(new Open.Location(from.parent(), from.path(), stream));
    }

    /** Deletes every named stream of {@code ino} (its last name is gone). */
    static void removeAll(HavenFs fs, long ino) throws FsException {
        Inode root = child(fs, HavenFs.ROOT, ROOT, false);
        Inode dir = root == null ? null : child(fs, root.id(), Long.toString(ino), false);
        if (dir == null) {
            return;
        }
        for (DirEntry e : fs.listAll(dir.id())) {
            fs.unlink(dir.id(), e.name());
        }
        fs.removeDirectory(root.id(), Long.toString(ino));
    }
}
