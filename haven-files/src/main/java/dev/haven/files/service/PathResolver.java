package dev.haven.files.service;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.fs.FsError;
import dev.haven.fs.FsException;
import dev.haven.fs.Inode;

/**
 * Walks a {@link SharePath} from the share root. A missing or non-directory component on the way
 * is PATH_NOT_FOUND ([MS-FSA] 2.1.5.1: STATUS_OBJECT_PATH_NOT_FOUND); only the last component can
 * be NOT_FOUND.
 */
final class PathResolver {
    private PathResolver() {
    }

    /** The directory that holds the path's last component (the share root for the root). */
    static Inode parentOf(Share share, SharePath path) {
        return FsCall.run(() -> {
            Inode cur = share.fs().attributes(share.root());
            for (String part : path.parent().components()) {
                cur = step(share, cur, part);
            }
            return cur;
        });
    }

    private static Inode step(Share share, Inode dir, String name) throws FsException {
        try {
            Inode next = share.fs().lookup(dir.id(), name);
            if (!next.isDirectory()) {
                throw new FileServiceException(FileServiceError.PATH_NOT_FOUND, name + " is not a directory");
            }
            return next;
        } catch (FsException e) {
            if (e.error() == FsError.NOT_FOUND || e.error() == FsError.NOT_A_DIRECTORY) {
                throw new FileServiceException(FileServiceError.PATH_NOT_FOUND, "no directory " + name);
            }
            throw e;
        }
    }

    /** The inode named by the last component in {@code parent}, or null when there is none. */
    static Inode lookupOrNull(Share share, Inode parent, SharePath path) {
        if (path.isRoot()) {
            return parent;
        }
        try {
            return share.fs().lookup(parent.id(), path.name());
        } catch (FsException e) {
            if (e.error() == FsError.NOT_FOUND) {
                return null;
            }
            throw FsFailure.of(e);
        }
    }
}
