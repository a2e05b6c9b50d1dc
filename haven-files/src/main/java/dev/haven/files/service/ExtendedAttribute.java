package dev.haven.files.service;

/**
 * One extended attribute of a file ([MS-FSCC] 2.4.15): its name (compared without regard to
 * case, kept upper-case as NTFS keeps it), its value and its flags (FILE_NEED_EA).
 *
 * @param name  the name, 1 to 255 ASCII characters
 * @param value the value; empty only in a change, where it removes the attribute
 * @param flags 0 or {@link #NEED_EA}
 */
public record ExtendedAttribute(String name, byte[] value, int flags) {
    /** FILE_NEED_EA: the file should not be opened by a client that does not understand EAs. */
    public static final int NEED_EA = 0x80;

    /** Copies the value. */
    public ExtendedAttribute {
        value = value.clone();
    }

    @Override
    public byte[] value() {
        return value.clone();
    }

    /** The value's length without copying it. */
    public int length() {
        return value.length;
    }
}
