package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OpenId;
import dev.haven.files.lease.BreakCause;
import dev.haven.files.share.ShareModeOpen;
import dev.haven.files.share.ShareModeTable;
import dev.haven.fs.Inode;
import java.util.Map;

/**
 * The file service's changes to names: delete-on-close, rename and hard links, with the sharing
 * rules they follow beyond the open itself. A component of {@link FileService}, which checks
 * nothing more before calling it.
 */
final class NameChanges {
    private final FileService files;
    private final ShareModeTable shareModes;
    private final CachingOpens caching;
    private final FileChanges changes;
    private final Map<OpenId, Open> opens;

    NameChanges(FileService files, ShareModeTable shareModes, CachingOpens caching, FileChanges changes,
            Map<OpenId, Open> opens) {
        this.files = files;
        this.shareModes = shareModes;
        this.caching = caching;
        this.changes = changes;
        this.opens = opens;
    }

    /** Marks or unmarks the file for deletion at last close; a directory must be empty ([MS-FSA] 2.1.5.15.3). */
    void setDeleteOnClose(Open open, boolean delete) {
        files.check(open);
        OpenRules.refuseDeleteOnReadOnlyFs(open.share(), delete);
        OpenRules.need(open, !delete || open.granted().canDelete(), "delete");
        if (delete && !open.isDirectory() && (files.attributes(open).dosAttributes() & OpenSecurity.READONLY) != 0) {
            throw new FileServiceException(FileServiceError.CANNOT_DELETE, "read-only " + open);
        }
        if (delete && open.location() == null) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "the share root cannot be deleted");
        }
        if (delete && open.isDirectory()
                && !FsCall.run(() -> open.share().fs().list(open.inode(), 0, 1)).entries().isEmpty()) {
            throw new FileServiceException(FileServiceError.NOT_EMPTY, open.toString());
        }
        shareModes.setDeletePending(open.id(), delete);
        if (delete) {
            changes.deletePending(open);
            caching.breakFor(open, BreakCause.HANDLE_CONFLICT);
        }
    }

    /** Renames the open's file to {@code target}, replacing an existing one if asked; needs DELETE. */
    void rename(Open open, SharePath target, boolean replaceIfExists) {
        files.check(open);
        OpenRules.need(open, open.granted().canDelete(), "rename");
        Open.Location from = open.location();
        if (from == null || target.isRoot()) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "rename of or onto the share root");
        }
        checkRenameSharing(open, from);
        Inode dir = PathResolver.parentOf(open.share(), target);
        Inode existing = PathResolver.lookupOrNull(open.share(), dir, target);
        if (existing != null && existing.id() != open.inode()) {
            if (!replaceIfExists) {
                throw new FileServiceException(FileServiceError.EXISTS, target.toString());
            }
            if (!shareModes.opensOf(FileService.keyOf(open.share(), existing.id())).isEmpty()) {
                // [MS-FSA] 2.1.5.15.12.1: an open target cannot be replaced.
                throw new FileServiceException(FileServiceError.ACCESS_DENIED, target + " is open");
            }
        }
        FsCall.run(() -> {
            open.share().fs().rename(from.parent(), from.name(), dir.id(), target.name(), replaceIfExists);
            return null;
        });
        Open.Location to = new Open.Location(dir.id(), target);
        open.moveTo(to);
        changes.renamed(open, from, to);
        caching.breakFor(open, BreakCause.HANDLE_CONFLICT);
    }

    /**
     * Sharing rules of a rename beyond the open itself, as Windows applies them (and smbtorture's
     * smb2.rename tests check): the rename acts as an open of the source's parent directory for
     * DELETE that shares only read and write, so an open of the parent with DELETE access, or one
     * that does not share DELETE, is a sharing violation (opens without data access, such as
     * Word's attributes-only open of the folder, take no part); and a directory with an open child
     * cannot be renamed ([MS-FSA] 2.1.5.15.12: STATUS_ACCESS_DENIED).
     */
    private void checkRenameSharing(Open open, Open.Location from) {
        for (ShareModeOpen parentOpen : shareModes.opensOf(FileService.keyOf(open.share(), from.parent()))) {
            boolean takesPart = parentOpen.granted().hasAny(AccessMask.DATA_ACCESS);
            if (takesPart && (parentOpen.granted().canDelete() || !parentOpen.share().delete())) {
                throw new FileServiceException(FileServiceError.SHARING_VIOLATION, "the parent directory is open");
            }
        }
        if (open.isDirectory()) {
            for (Open other : opens.values()) {
                Open.Location at = other.location();
                if (other.share() == open.share() && at != null && at.parent() == open.inode()) {
                    throw new FileServiceException(FileServiceError.ACCESS_DENIED, "a file in " + open + " is open");
                }
            }
        }
    }

    /** Adds a hard link {@code target} to the open's file ([MS-FSCC] 2.4.27 FileLinkInformation). */
    void link(Open open, SharePath target, boolean replaceIfExists) {
        files.check(open);
        OpenRules.needFile(open);
        OpenRules.requireWritable(open.share());
        if (target.isRoot()) {
            throw new FileServiceException(FileServiceError.EXISTS, "the share root");
        }
        Inode dir = PathResolver.parentOf(open.share(), target);
        Inode existing = PathResolver.lookupOrNull(open.share(), dir, target);
        FsCall.run(() -> {
            if (existing != null) {
                if (!replaceIfExists || existing.isDirectory()) {
                    throw new FileServiceException(FileServiceError.EXISTS, target.toString());
                }
                open.share().fs().unlink(dir.id(), target.name());
            }
            return open.share().fs().link(open.inode(), dir.id(), target.name());
        });
        changes.created(open.share(), dir.id(), target, false);
    }
}
