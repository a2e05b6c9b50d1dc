package dev.haven.files.share;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.OpenId;
import dev.haven.files.ShareAccess;

/**
 * One open as the share-mode table sees it.
 *
 * @param file          the file opened
 * @param open          the open
 * @param granted       the access granted to it (generic bits already mapped)
 * @param share         the share access it grants to other opens
 * @param deleteOnClose whether closing it marks the file for deletion (FILE_DELETE_ON_CLOSE)
 */
public record ShareModeOpen(FileKey file, OpenId open, AccessMask granted, ShareAccess share, boolean deleteOnClose) {

    /**
     * True if this open and {@code other} may not coexist: [MS-FSA] 2.1.5.1.2.2, checked both ways.
     * Only data access (read/execute, write/append, delete) takes part; an open with none of it
     * neither is denied nor denies.
     */
    public boolean conflictsWith(ShareModeOpen other) {
        if (!granted.hasAny(AccessMask.DATA_ACCESS) || !other.granted.hasAny(AccessMask.DATA_ACCESS)) {
            return false;
        }
        return denies(other.share, granted) || denies(share, other.granted);
    }

    /** True if share access {@code share} of one open forbids access {@code access} of another. */
    private static boolean denies(ShareAccess share, AccessMask access) {
        return (!share.read() && access.canRead())
                || (!share.write() && access.canWrite())
                || (!share.delete() && access.canDelete());
    }
}
