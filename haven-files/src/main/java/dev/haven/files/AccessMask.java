package dev.haven.files;

/**
 * An access mask as in [MS-SMB2] 2.2.13.1.1 (file, pipe and printer access) and [MS-DTYP] 2.4.3.
 * An open value type: unknown bits are kept, and {@link #mapGeneric()} resolves the generic bits
 * with the file generic mapping so that granted access never holds GENERIC_* bits.
 *
 * @param bits the 32-bit mask
 */
public record AccessMask(int bits) {
    /** Read data from the file (or list a directory). */
    public static final int FILE_READ_DATA = 0x0000_0001;
    /** Write data to the file (or add a file to a directory). */
    public static final int FILE_WRITE_DATA = 0x0000_0002;
    /** Append data to the file (or add a subdirectory). */
    public static final int FILE_APPEND_DATA = 0x0000_0004;
    /** Read extended attributes. */
    public static final int FILE_READ_EA = 0x0000_0008;
    /** Write extended attributes. */
    public static final int FILE_WRITE_EA = 0x0000_0010;
    /** Execute the file (or traverse a directory). */
    public static final int FILE_EXECUTE = 0x0000_0020;
    /** Delete children of a directory. */
    public static final int FILE_DELETE_CHILD = 0x0000_0040;
    /** Read attributes. */
    public static final int FILE_READ_ATTRIBUTES = 0x0000_0080;
    /** Write attributes. */
    public static final int FILE_WRITE_ATTRIBUTES = 0x0000_0100;
    /** Delete the file. */
    public static final int DELETE = 0x0001_0000;
    /** Read the security descriptor (not the SACL). */
    public static final int READ_CONTROL = 0x0002_0000;
    /** Change the DACL. */
    public static final int WRITE_DAC = 0x0004_0000;
    /** Change the owner. */
    public static final int WRITE_OWNER = 0x0008_0000;
    /** Synchronize (ignored by SMB servers, kept for fidelity). */
    public static final int SYNCHRONIZE = 0x0010_0000;
    /** Read or change the SACL. */
    public static final int ACCESS_SYSTEM_SECURITY = 0x0100_0000;
    /** Ask for the maximum access the caller may have. */
    public static final int MAXIMUM_ALLOWED = 0x0200_0000;
    /** Generic all access. */
    public static final int GENERIC_ALL = 0x1000_0000;
    /** Generic execute access. */
    public static final int GENERIC_EXECUTE = 0x2000_0000;
    /** Generic write access. */
    public static final int GENERIC_WRITE = 0x4000_0000;
    /** Generic read access. */
    public static final int GENERIC_READ = 0x8000_0000;

    /** FILE_GENERIC_READ of the file generic mapping. */
    public static final int FILE_GENERIC_READ = READ_CONTROL | FILE_READ_DATA | FILE_READ_ATTRIBUTES | FILE_READ_EA | SYNCHRONIZE;
    /** FILE_GENERIC_WRITE of the file generic mapping. */
    public static final int FILE_GENERIC_WRITE =
            READ_CONTROL | FILE_WRITE_DATA | FILE_WRITE_ATTRIBUTES | FILE_WRITE_EA | FILE_APPEND_DATA | SYNCHRONIZE;
    /** FILE_GENERIC_EXECUTE of the file generic mapping. */
    public static final int FILE_GENERIC_EXECUTE = READ_CONTROL | FILE_READ_ATTRIBUTES | FILE_EXECUTE | SYNCHRONIZE;
    /** FILE_ALL_ACCESS: every specific and standard right on a file. */
    public static final int FILE_ALL_ACCESS = 0x001F_01FF;

    /** The bits that count for share-mode checks ([MS-FSA] 2.1.5.1.2.2). */
    public static final int DATA_ACCESS = FILE_READ_DATA | FILE_EXECUTE | FILE_WRITE_DATA | FILE_APPEND_DATA | DELETE;

    /** No access at all. */
    public static final AccessMask NONE = new AccessMask(0);

    /** Returns a mask of the given bits. */
    public static AccessMask of(int bits) {
        return new AccessMask(bits);
    }

    /** True if any of {@code mask}'s bits is set here. */
    public boolean hasAny(int mask) {
        return (bits & mask) != 0;
    }

    /** True if every one of {@code mask}'s bits is set here. */
    public boolean hasAll(int mask) {
        return (bits & mask) == mask;
    }

    /** True if the open may read data: FILE_READ_DATA or FILE_EXECUTE ([MS-FSA] 2.1.5.1.2.2 treats them alike). */
    public boolean canRead() {
        return hasAny(FILE_READ_DATA | FILE_EXECUTE);
    }

    /** True if the open may write data: FILE_WRITE_DATA or FILE_APPEND_DATA. */
    public boolean canWrite() {
        return hasAny(FILE_WRITE_DATA | FILE_APPEND_DATA);
    }

    /** True if the open may delete the file. */
    public boolean canDelete() {
        return hasAny(DELETE);
    }

    /** Replaces the GENERIC_* bits with the rights of the file generic mapping ([MS-DTYP] 2.4.3). */
    public AccessMask mapGeneric() {
        int out = bits & ~(GENERIC_ALL | GENERIC_EXECUTE | GENERIC_WRITE | GENERIC_READ);
        if (hasAny(GENERIC_READ)) {
            out |= FILE_GENERIC_READ;
        }
        if (hasAny(GENERIC_WRITE)) {
            out |= FILE_GENERIC_WRITE;
        }
        if (hasAny(GENERIC_EXECUTE)) {
            out |= FILE_GENERIC_EXECUTE;
        }
        if (hasAny(GENERIC_ALL)) {
            out |= FILE_ALL_ACCESS;
        }
        return new AccessMask(out);
    }

    @Override
    public String toString() {
        return String.format("access 0x%08x", bits);
    }
}
