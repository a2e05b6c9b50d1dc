package dev.haven.files;

/**
 * The share access an open grants to later opens of the same file: FILE_SHARE_READ, _WRITE and
 * _DELETE of [MS-SMB2] 2.2.13 ShareAccess. A closed set of three bits, validated on creation.
 *
 * @param bits a combination of {@link #FILE_SHARE_READ}, {@link #FILE_SHARE_WRITE}, {@link #FILE_SHARE_DELETE}
 */
public record ShareAccess(int bits) {
    /** Other opens may read. */
    public static final int FILE_SHARE_READ = 0x1;
    /** Other opens may write. */
    public static final int FILE_SHARE_WRITE = 0x2;
    /** Other opens may delete or rename. */
    public static final int FILE_SHARE_DELETE = 0x4;

    /** Exclusive: share nothing. */
    public static final ShareAccess NONE = new ShareAccess(0);
    /** Share everything. */
    public static final ShareAccess ALL = new ShareAccess(FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE);

    /** Rejects bits outside the three share flags ([MS-SMB2] 3.3.5.9: STATUS_INVALID_PARAMETER). */
    public ShareAccess {
        if ((bits & ~0x7) != 0) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, String.format("share access 0x%x", bits));
        }
    }

    /** Returns the share access of the given wire bits. */
    public static ShareAccess of(int bits) {
        return new ShareAccess(bits);
    }

    /** True if later opens may read. */
    public boolean read() {
        return (bits & FILE_SHARE_READ) != 0;
    }

    /** True if later opens may write. */
    public boolean write() {
        return (bits & FILE_SHARE_WRITE) != 0;
    }

    /** True if later opens may delete. */
    public boolean delete() {
        return (bits & FILE_SHARE_DELETE) != 0;
    }

    @Override
    public String toString() {
        return "share " + (read() ? "R" : "-") + (write() ? "W" : "-") + (delete() ? "D" : "-");
    }
}
