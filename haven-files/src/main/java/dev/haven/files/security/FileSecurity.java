package dev.haven.files.security;

import dev.haven.files.AccessMask;
import dev.haven.fs.FsError;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import java.util.List;

/**
 * Where a file's security descriptor lives and what an open of it may get. The descriptor is the
 * self-relative bytes ([MS-DTYP] 2.4.6) in the HavenFS extended attribute {@value #XATTR} of the
 * inode (docs/format/havenfs.md). A file without one (created before descriptors were kept) gets
 * a computed default: the share root {@link #shareRootDefault()}, anything else owner
 * Administrators, group Users and the DACL it would inherit from its directory.
 */
public final class FileSecurity {
    /** The extended attribute holding the self-relative security descriptor. */
    public static final String XATTR = "security.ntsd";

    /** FILE_READ_DATA on a directory: FILE_LIST_DIRECTORY. */
    private static final int LIST_DIRECTORY = AccessMask.FILE_READ_DATA;
    /** FILE_WRITE_DATA on a directory: FILE_ADD_FILE. */
    private static final int ADD_FILE = AccessMask.FILE_WRITE_DATA;
    /** FILE_APPEND_DATA on a directory: FILE_ADD_SUBDIRECTORY. */
    private static final int ADD_SUBDIRECTORY = AccessMask.FILE_APPEND_DATA;
    /** FILE_GENERIC_READ | FILE_GENERIC_EXECUTE as one mask ("read and execute"). */
    private static final int READ_EXECUTE = 0x001200A9;
    /** Windows' "modify": read, write, execute and delete, but not WRITE_DAC, WRITE_OWNER or DELETE_CHILD. */
    private static final int MODIFY = 0x001301BF;

    private FileSecurity() {
    }

    /**
     * The descriptor of a share root that has none: owner Administrators, group Users; SYSTEM
     * and Administrators full control, the creator of a file full control of it (CREATOR OWNER),
     * Authenticated Users modify and Everyone read and execute, all inherited by files and
     * directories (as a new Windows share folder). On the root itself Authenticated Users may also
     * delete children (FILE_DELETE_CHILD), as Samba's default share root owned by the connecting
     * user allows and as smbtorture's delete-on-close-perms tests expect: what a user creates at
     * the top of a share it can always remove, whatever DACL it gave it. Set a descriptor on the
     * root for anything stricter.
     */
    public static SecurityDescriptor shareRootDefault() {
        int inherit = Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT;
        return new SecurityDescriptor(SecurityDescriptor.DACL_AUTO_INHERITED, Sid.ADMINISTRATORS, Sid.USERS, null,
                Acl.of(List.of(
                Ace.Simple.allow(Sid.SYSTEM, AccessCheck.ALL_RIGHTS, inherit),
                Ace.Simple.allow(Sid.ADMINISTRATORS, AccessCheck.ALL_RIGHTS, inherit),
                Ace.Simple.allow(Sid.CREATOR_OWNER, AccessCheck.ALL_RIGHTS, inherit | Ace.INHERIT_ONLY),
                Ace.Simple.allow(Sid.AUTHENTICATED_USERS, MODIFY | AccessMask.FILE_DELETE_CHILD, 0),
                Ace.Simple.allow(Sid.AUTHENTICATED_USERS, MODIFY, inherit | Ace.INHERIT_ONLY),
                Ace.Simple.allow(Sid.EVERYONE, READ_EXECUTE, inherit))));
    }

    /**
     * The descriptor of {@code ino}: the stored one, or the default. {@code parent} is the
     * directory it is named in (ignored for the share root {@code root}).
     */
    public static SecurityDescriptor descriptor(HavenFs fs, long root, long ino, long parent, boolean directory)
            throws FsException {
        SecurityDescriptor stored = stored(fs, ino);
        if (stored != null) {
            return stored;
        }
        if (ino == root) {
            return shareRootDefault();
        }
        SecurityDescriptor up = descriptor(fs, root, parent, fs.attributes(parent).parent(), true);
        return new SecurityDescriptor(SecurityDescriptor.DACL_AUTO_INHERITED, Sid.ADMINISTRATORS, Sid.USERS, null,
                Inheritance.inheritedAcl(up.dacl() == null ? Acl.of(List.of()) : up.dacl(), directory,
                        Sid.ADMINISTRATORS, Sid.USERS, true));
    }

    private static SecurityDescriptor stored(HavenFs fs, long ino) throws FsException {
        try {
            return SecurityDescriptor.decode(fs.getXattr(ino, XATTR));
        } catch (FsException e) {
            if (e.error() == FsError.NOT_FOUND) {
                return null;
            }
            throw e;
        } catch (MalformedDescriptorException e) {
            throw new FsException(FsError.CORRUPT, "security descriptor of inode " + ino + ": " + e.getMessage());
        }
    }

    /** Stores {@code sd} as the descriptor of {@code ino}. */
    public static void store(HavenFs fs, long ino, SecurityDescriptor sd) throws FsException {
        fs.setXattr(ino, XATTR, sd.encode());
    }

    /**
     * The rights {@code token} has on an existing object: its DACL's, plus DELETE when the
     * directory grants FILE_DELETE_CHILD ([MS-FSA] 2.1.5.1.2.1) and FILE_READ_ATTRIBUTES when the
     * directory grants FILE_LIST_DIRECTORY (as NTFS and Samba do). {@code parent} is null for
     * the share root.
     */
    public static int allowed(SecurityDescriptor sd, SecurityDescriptor parent, Token token) {
        int allowed = AccessCheck.maximumAllowed(sd, token);
        if (parent != null) {
            int up = AccessCheck.maximumAllowed(parent, token);
            if ((up & AccessMask.FILE_DELETE_CHILD) != 0) {
                allowed |= AccessMask.DELETE;
            }
            if ((up & LIST_DIRECTORY) != 0) {
                allowed |= AccessMask.FILE_READ_ATTRIBUTES;
            }
        }
        return allowed;
    }

    /** True when the directory's descriptor lets {@code token} add a file or a subdirectory. */
    public static boolean mayCreateIn(SecurityDescriptor directory, Token token, boolean subdirectory) {
        return (AccessCheck.maximumAllowed(directory, token) & (subdirectory ? ADD_SUBDIRECTORY : ADD_FILE)) != 0;
    }
}
