package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.security.AccessCheck;
import dev.haven.files.security.FileSecurity;
import dev.haven.files.security.Inheritance;
import dev.haven.files.security.SecurityDescriptor;
import dev.haven.fs.Inode;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The access rules of an open ([MS-FSA] 2.1.5.1.2.1) and of security descriptor queries and
 * changes ([MS-FSA] 2.1.5.12.3, 2.1.5.16), applied with the descriptors {@link FileSecurity}
 * keeps: the file service calls these; the rules themselves live in the security package.
 */
final class OpenSecurity {
    static final int READONLY = 0x1;
    /** Rights a FILE_ATTRIBUTE_READONLY file never grants ([MS-FSA] 2.1.5.1.2.1). */
    private static final int READONLY_DENIES = AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA;
    /** Locks by directory inode (striped): a create and its descriptor are one step to readers. */
    private static final ReentrantLock[] STRIPES = new ReentrantLock[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new ReentrantLock();
        }
    }

    private OpenSecurity() {
    }

    /** The access an open of an existing object gets, or ACCESS_DENIED / CANNOT_DELETE. */
    static AccessMask grantExisting(Share share, Inode found, Inode parent, boolean isRoot, AccessMask desired,
            CreateDisposition disposition, OpenOptions options, Principal principal) {
        boolean readOnlyFile = !found.isDirectory() && (found.dosAttributes() & READONLY) != 0;
        if (readOnlyFile && options.deleteOnClose()) {
            throw new FileServiceException(FileServiceError.CANNOT_DELETE, "read-only file " + found.id());
        }
        int allowed = FsCall.run(() -> {
            SecurityDescriptor sd = descriptor(share, found, isRoot ? 0 : parent.id());
            SecurityDescriptor up = isRoot ? null : descriptor(share, parent, parent.parent());
            return FileSecurity.allowed(sd, up, principal.token());
        });
        if (readOnlyFile) {
            allowed &= ~READONLY_DENIES;
        }
        // Superseding or overwriting writes the file, so it needs FILE_WRITE_DATA whatever was asked
        // (as Windows and Samba check; smbtorture smb2.acls.OVERWRITE_READ_ONLY_FILE).
        int implied = disposition.truncatesExisting() ? AccessMask.FILE_WRITE_DATA : 0;
        AccessMask granted = (allowed & implied) == implied ? AccessCheck.grant(desired, allowed) : null;
        if (granted == null) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED,
                    desired + " on inode " + found.id() + " (allowed " + AccessMask.of(allowed) + ")");
        }
        return granted;
    }

    /**
     * The rights {@code principal} could get opening {@code open}'s file again ([MS-SMB2]
     * 3.3.5.9.5): what its DACL and its directory's give, less what a read-only file never grants.
     */
    static int maximal(Open open, Principal principal) {
        Share share = open.share();
        Open.Location at = open.location();
        // A named stream has the access of the file it belongs to, whose directory its path names.
        long ino = open.streamOf() != 0 ? open.streamOf() : open.inode();
        Inode parent = at == null ? null
                : open.streamOf() != 0 ? PathResolver.parentOf(share, at.path()) : FsCall.run(() -> share.fs().attributes(at.parent()));
        return FsCall.run(() -> {
            Inode file = share.fs().attributes(ino);
            int allowed = FileSecurity.allowed(descriptor(share, file, parent == null ? 0 : parent.id()),
                    parent == null ? null : descriptor(share, parent, parent.parent()), principal.token());
            boolean readOnlyFile = !file.isDirectory() && (file.dosAttributes() & READONLY) != 0;
            return readOnlyFile ? allowed & ~READONLY_DENIES : allowed;
        });
    }

    /** Refuses a create the directory's DACL does not allow, or a read-only file to delete on close. */
    static void checkCreate(Share share, Inode parent, OpenOptions options, Principal principal) {
        if (options.deleteOnClose() && !options.directory() && (options.createAttributes() & READONLY) != 0) {
            // [MS-FSA] 2.1.5.1.2.1: a new read-only file cannot be delete-on-close.
            throw new FileServiceException(FileServiceError.CANNOT_DELETE, "read-only file to delete on close");
        }
        boolean allowed = FsCall.run(() -> FileSecurity.mayCreateIn(descriptor(share, parent, parent.parent()),
                principal.token(), options.directory()));
        if (!allowed) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "create in inode " + parent.id());
        }
    }

    /**
     * Creates the last component of {@code path} ({@link OpenRules#create}) and gives it its
     * descriptor, the one asked for or inherited from its directory. Creating and storing hold
     * the directory's stripe lock, which readers of a descriptor take too, so no open ever sees
     * a new file without its descriptor.
     */
    static Inode create(Share share, Inode parent, SharePath path, OpenOptions options, CreateDisposition disposition,
            Principal principal) {
        // The directory's own descriptor is read before taking its stripe: never two stripes at once.
        SecurityDescriptor up = FsCall.run(() -> descriptor(share, parent, parent.parent()));
        SecurityDescriptor sd = Inheritance.forNewObject(up, options.securityDescriptor(), principal.token(),
                options.directory());
        ReentrantLock lock = stripe(parent.id());
        lock.lock();
        try {
            Inode created = OpenRules.create(share, parent, path, options, disposition);
            if (created != null) {
                FsCall.run(() -> {
                    FileSecurity.store(share.fs(), created.id(), sd);
                    return null;
                });
            }
            return created;
        } finally {
            lock.unlock();
        }
    }

    private static ReentrantLock stripe(long directory) {
        return STRIPES[(int) (directory ^ directory >>> 32) & (STRIPES.length - 1)];
    }

    /** The parts {@code securityInformation} names of the open's descriptor; needs READ_CONTROL. */
    static SecurityDescriptor query(Open open, int securityInformation) {
        if ((securityInformation & SecurityDescriptor.SACL_INFO) != 0
                || !open.granted().hasAny(AccessMask.READ_CONTROL)) {
            // [MS-FSA] 2.1.5.12.3: the SACL needs ACCESS_SYSTEM_SECURITY, which Haven never grants.
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "query security through " + open);
        }
        return FsCall.run(() -> descriptorOf(open)).select(securityInformation);
    }

    /** Replaces the parts {@code securityInformation} names ([MS-FSA] 2.1.5.16): WRITE_OWNER, WRITE_DAC. */
    static void set(Open open, int securityInformation, SecurityDescriptor update) {
        boolean owner = (securityInformation & (SecurityDescriptor.OWNER_INFO | SecurityDescriptor.GROUP_INFO)) != 0;
        boolean dacl = (securityInformation & SecurityDescriptor.DACL_INFO) != 0;
        if ((securityInformation & SecurityDescriptor.SACL_INFO) != 0
                || owner && !open.granted().hasAny(AccessMask.WRITE_OWNER)
                || dacl && !open.granted().hasAny(AccessMask.WRITE_DAC)) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "set security through " + open);
        }
        OpenRules.requireWritable(open.share());
        FsCall.run(() -> {
            FileSecurity.store(open.share().fs(), open.inode(), descriptorOf(open)
                    .merge(update.withGenericRightsMapped(), securityInformation));
            return null;
        });
    }

    private static SecurityDescriptor descriptorOf(Open open) throws dev.haven.fs.FsException {
        Open.Location at = open.location();
        long parent = at == null ? 0 : at.parent();
        return FileSecurity.descriptor(open.share().fs(), open.share().root(), open.inode(), parent, open.isDirectory());
    }

    private static SecurityDescriptor descriptor(Share share, Inode ino, long parent) throws dev.haven.fs.FsException {
        ReentrantLock lock = stripe(parent);
        lock.lock();
        try {
            return FileSecurity.descriptor(share.fs(), share.root(), ino.id(), parent, ino.isDirectory());
        } finally {
            lock.unlock();
        }
    }
}
