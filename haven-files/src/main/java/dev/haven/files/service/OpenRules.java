package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.fs.CreateAttributes;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;

/** The decisions of an open ([MS-FSA] 2.1.5.1): granted access, create or not, the create action, the kind check. */
final class OpenRules {
    /** Rights that change something: refused on a read-only share. */
    private static final int CHANGING_RIGHTS = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA
            | AccessMask.FILE_WRITE_EA | AccessMask.FILE_WRITE_ATTRIBUTES | AccessMask.DELETE
            | AccessMask.FILE_DELETE_CHILD | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER;
    private static final int READ_RIGHTS = AccessMask.FILE_GENERIC_READ | AccessMask.FILE_GENERIC_EXECUTE;

    static AccessMask grant(Share share, AccessMask desired) {
        int bits = desired.mapGeneric().bits();
        if ((bits & AccessMask.MAXIMUM_ALLOWED) != 0) {
            bits = (bits & ~AccessMask.MAXIMUM_ALLOWED) | (share.readOnly() ? READ_RIGHTS : AccessMask.FILE_ALL_ACCESS);
        }
        if (share.readOnly() && (bits & CHANGING_RIGHTS) != 0) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "write access on read-only share " + share.name());
        }
        return AccessMask.of(bits);
    }

    /** Refuses an operation the open's granted access does not allow. */
    static void need(Open open, boolean allowed, String what) {
        if (!allowed) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, what + " through " + open + " " + open.granted());
        }
    }

    /** Refuses a data operation on a directory. */
    static void needFile(Open open) {
        if (open.isDirectory()) {
            throw new FileServiceException(FileServiceError.IS_A_DIRECTORY, open.toString());
        }
    }

    static void requireWritable(Share share) {
        if (share.readOnly()) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "read-only share " + share.name());
        }
    }

    /**
     * A file system mounted read-only (a snapshot served as a previous version) cannot delete at
     * close: refuse the mark now, as the medium is write-protected.
     */
    static void refuseDeleteOnReadOnlyFs(Share share, boolean delete) {
        if (delete && share.fs().isReadOnly()) {
            throw new FileServiceException(FileServiceError.READ_ONLY, "delete on read-only file system of " + share.name());
        }
    }

    /** Creates the last component; null if another creator got there first. */
    static Inode create(Share share, Inode parent, SharePath path, OpenOptions options,
            CreateDisposition disposition) {
        if (path.isRoot()) {
            throw new FileServiceException(FileServiceError.EXISTS, "the share root exists");
        }
        HavenFs fs = share.fs();
        try {
            // [MS-FSA] 2.1.5.1.2.1: a new file keeps the asked-for attributes a create may set and files are
            // marked ARCHIVE. DIRECTORY and NORMAL follow from the kind; SPARSE, COMPRESSED, ENCRYPTED and
            // REPARSE_POINT are only ever set by their FSCTLs (smbtorture smb2.ioctl.sparse_file_attr).
            int dos = options.createAttributes() & FileAttributes.SETTABLE_ON_CREATE;
            return options.directory()
                    ? fs.createDirectory(parent.id(), path.name(), new CreateAttributes(0755, 0, 0, dos))
                    : fs.createFile(parent.id(), path.name(), new CreateAttributes(0644, 0, 0, dos | FileAttributes.ARCHIVE));
        } catch (FsException e) {
            if (e.error() == dev.haven.fs.FsError.EXISTS && disposition != CreateDisposition.CREATE) {
                return null;
            }
            throw FsFailure.of(e);
        }
    }

    static CreateAction actionOnExisting(Share share, Inode found, SharePath path, CreateDisposition d) {
        if (d == CreateDisposition.CREATE) {
            throw new FileServiceException(FileServiceError.EXISTS, path.toString());
        }
        if (!d.truncatesExisting()) {
            return CreateAction.OPENED;
        }
        if (found.isDirectory()) {
            // [MS-FSA] 2.1.5.1.2: a directory cannot be overwritten or superseded.
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "overwrite of directory " + path);
        }
        requireWritable(share);
        if ((found.dosAttributes() & OpenSecurity.READONLY) != 0) {
            // [MS-FSA] 2.1.5.1.2.1: a read-only file cannot be overwritten or superseded.
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "overwrite of read-only " + path);
        }
        return d == CreateDisposition.SUPERSEDE ? CreateAction.SUPERSEDED : CreateAction.OVERWRITTEN;
    }

    static void checkKind(Inode found, OpenOptions options) {
        if (found.isDirectory() && "".equals(options.stream())) {
            // "dir::$DATA": a directory has no data stream.
            throw new FileServiceException(options.directory() ? FileServiceError.NOT_A_DIRECTORY
                    : FileServiceError.IS_A_DIRECTORY, "inode " + found.id() + "::$DATA");
        }
        if (options.directory() && !found.isDirectory()) {
            throw new FileServiceException(FileServiceError.NOT_A_DIRECTORY, "inode " + found.id());
        }
        if (options.nonDirectory() && found.isDirectory()) {
            throw new FileServiceException(FileServiceError.IS_A_DIRECTORY, "inode " + found.id());
        }
    }

    private OpenRules() {
    }
}
