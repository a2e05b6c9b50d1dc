package dev.haven.files.service;

/** What to do when the file exists or not ([MS-SMB2] 2.2.13 CreateDisposition, [MS-FSA] 2.1.5.1). */
public enum CreateDisposition {
    /** Replace an existing file, else create. */
    SUPERSEDE,
    /** Open an existing file, else fail. */
    OPEN,
    /** Create a new file, else fail. */
    CREATE,
    /** Open an existing file, else create. */
    OPEN_IF,
    /** Open and truncate an existing file, else fail. */
    OVERWRITE,
    /** Open and truncate an existing file, else create. */
    OVERWRITE_IF;

    /** The disposition with SMB2 wire value {@code code} (0 to 5). */
    public static CreateDisposition ofCode(int code) {
        if (code < 0 || code >= values().length) {
            throw new dev.haven.files.FileServiceException(dev.haven.files.FileServiceError.INVALID_PARAMETER,
                    "create disposition " + code);
        }
        return values()[code];
    }

    boolean createsWhenMissing() {
        return this == SUPERSEDE || this == CREATE || this == OPEN_IF || this == OVERWRITE_IF;
    }

    boolean truncatesExisting() {
        return this == SUPERSEDE || this == OVERWRITE || this == OVERWRITE_IF;
    }
}
