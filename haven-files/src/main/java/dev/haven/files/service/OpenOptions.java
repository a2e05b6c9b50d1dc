package dev.haven.files.service;

/**
 * Options of an open ([MS-SMB2] 2.2.13 CreateOptions, the ones the file service acts on).
 *
 * @param directory    the target must be (or is created as) a directory
 * @param nonDirectory the target must not be a directory
 * @param deleteOnClose delete the file when its last open closes
 * @param writeThrough every write is durable before it is acknowledged
 * @param createAttributes [MS-FSCC] 2.6 DOS attributes a newly created file starts with (0: none asked)
 * @param securityDescriptor the descriptor a newly created file starts with (null: inherited)
 * @param stream the named data stream to open ([MS-FSCC] 2.1.4; null: the file itself)
 */
public record OpenOptions(boolean directory, boolean nonDirectory, boolean deleteOnClose, boolean writeThrough,
        int createAttributes, dev.haven.files.security.SecurityDescriptor securityDescriptor, String stream) {
    /** A plain open of a file or directory. */
    public static final OpenOptions NONE = new OpenOptions(false, false, false, false);

    /** Options with no descriptor for a new file. */
    public OpenOptions(boolean directory, boolean nonDirectory, boolean deleteOnClose, boolean writeThrough,
            int createAttributes) {
        this(directory, nonDirectory, deleteOnClose, writeThrough, createAttributes, null, null);
    }

    /** Options with no DOS attributes for a new file. */
    public OpenOptions(boolean directory, boolean nonDirectory, boolean deleteOnClose, boolean writeThrough) {
        this(directory, nonDirectory, deleteOnClose, writeThrough, 0, null, null);
    }

    /** The same options for the named stream {@code name} of the file (null: the file itself). */
    public OpenOptions withStream(String name) {
        return new OpenOptions(directory, nonDirectory, deleteOnClose, writeThrough, createAttributes, securityDescriptor,
                name);
    }

    /** Rejects asking for a directory and a non-directory at once. */
    public OpenOptions {
        if (directory && nonDirectory) {
            throw new dev.haven.files.FileServiceException(dev.haven.files.FileServiceError.INVALID_PARAMETER,
                    "directory and non-directory at once");
        }
    }
}
