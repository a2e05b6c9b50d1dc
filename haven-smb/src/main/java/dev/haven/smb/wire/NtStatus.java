package dev.haven.smb.wire;

import java.util.Map;

/**
 * [MS-ERREF] 2.3: a 32-bit NTSTATUS value. An open set: codes Haven has no name for are kept
 * as they are and printed in hex.
 */
public record NtStatus(int code) {
    public static final NtStatus SUCCESS = new NtStatus(0x00000000);
    public static final NtStatus PENDING = new NtStatus(0x00000103);
    public static final NtStatus NOTIFY_CLEANUP = new NtStatus(0x0000010B);
    public static final NtStatus NOTIFY_ENUM_DIR = new NtStatus(0x0000010C);
    public static final NtStatus MORE_PROCESSING_REQUIRED = new NtStatus(0xC0000016);
    public static final NtStatus NOT_IMPLEMENTED = new NtStatus(0xC0000002);
    public static final NtStatus INVALID_PARAMETER = new NtStatus(0xC000000D);
    public static final NtStatus INVALID_VIEW_SIZE = new NtStatus(0xC000001F);
    public static final NtStatus ACCESS_DENIED = new NtStatus(0xC0000022);
    public static final NtStatus NOT_SUPPORTED = new NtStatus(0xC00000BB);
    public static final NtStatus BAD_IMPERSONATION_LEVEL = new NtStatus(0xC00000A5);
    public static final NtStatus BAD_NETWORK_NAME = new NtStatus(0xC00000CC);
    public static final NtStatus REQUEST_NOT_ACCEPTED = new NtStatus(0xC00000D0);
    public static final NtStatus INTERNAL_ERROR = new NtStatus(0xC00000E5);
    public static final NtStatus LOGON_FAILURE = new NtStatus(0xC000006D);
    public static final NtStatus USER_SESSION_DELETED = new NtStatus(0xC0000203);
    public static final NtStatus NETWORK_NAME_DELETED = new NtStatus(0xC00000C9);
    public static final NtStatus INVALID_DEVICE_REQUEST = new NtStatus(0xC0000010);
    public static final NtStatus FILE_CLOSED = new NtStatus(0xC0000128);
    public static final NtStatus NETWORK_SESSION_EXPIRED = new NtStatus(0xC000035C);
    public static final NtStatus REQUEST_OUT_OF_SEQUENCE = new NtStatus(0xC000042A);
    public static final NtStatus INSUFFICIENT_RESOURCES = new NtStatus(0xC000009A);
    public static final NtStatus FILE_NOT_AVAILABLE = new NtStatus(0xC0000467);
    public static final NtStatus DUPLICATE_OBJECTID = new NtStatus(0xC000022A);
    public static final NtStatus CANCELLED = new NtStatus(0xC0000120);
    public static final NtStatus CANNOT_DELETE = new NtStatus(0xC0000121);
    public static final NtStatus INVALID_SECURITY_DESCR = new NtStatus(0xC0000079);
    public static final NtStatus UNSUCCESSFUL = new NtStatus(0xC0000001);
    public static final NtStatus INFO_LENGTH_MISMATCH = new NtStatus(0xC0000004);
    public static final NtStatus INVALID_INFO_CLASS = new NtStatus(0xC0000003);
    public static final NtStatus NO_SUCH_FILE = new NtStatus(0xC000000F);
    public static final NtStatus END_OF_FILE = new NtStatus(0xC0000011);
    public static final NtStatus BUFFER_TOO_SMALL = new NtStatus(0xC0000023);
    public static final NtStatus OBJECT_NAME_INVALID = new NtStatus(0xC0000033);
    public static final NtStatus OBJECT_NAME_NOT_FOUND = new NtStatus(0xC0000034);
    public static final NtStatus OBJECT_NAME_COLLISION = new NtStatus(0xC0000035);
    public static final NtStatus OBJECT_PATH_NOT_FOUND = new NtStatus(0xC000003A);
    public static final NtStatus SHARING_VIOLATION = new NtStatus(0xC0000043);
    public static final NtStatus FILE_LOCK_CONFLICT = new NtStatus(0xC0000054);
    public static final NtStatus LOCK_NOT_GRANTED = new NtStatus(0xC0000055);
    public static final NtStatus DELETE_PENDING = new NtStatus(0xC0000056);
    public static final NtStatus RANGE_NOT_LOCKED = new NtStatus(0xC000007E);
    public static final NtStatus DISK_FULL = new NtStatus(0xC000007F);
    public static final NtStatus MEDIA_WRITE_PROTECTED = new NtStatus(0xC00000A2);
    public static final NtStatus FILE_IS_A_DIRECTORY = new NtStatus(0xC00000BA);
    public static final NtStatus INVALID_OPLOCK_PROTOCOL = new NtStatus(0xC00000E3);
    public static final NtStatus UNEXPECTED_IO_ERROR = new NtStatus(0xC00000E9);
    public static final NtStatus DIRECTORY_NOT_EMPTY = new NtStatus(0xC0000101);
    public static final NtStatus FILE_CORRUPT_ERROR = new NtStatus(0xC0000102);
    public static final NtStatus NOT_A_DIRECTORY = new NtStatus(0xC0000103);
    public static final NtStatus INVALID_DEVICE_STATE = new NtStatus(0xC0000184);
    public static final NtStatus INVALID_LOCK_RANGE = new NtStatus(0xC00001A1);
    public static final NtStatus FILE_TOO_LARGE = new NtStatus(0xC0000904);
    public static final NtStatus INVALID_EA_NAME = new NtStatus(0x80000013);
    public static final NtStatus EA_LIST_INCONSISTENT = new NtStatus(0x80000014);
    public static final NtStatus EAS_NOT_SUPPORTED = new NtStatus(0xC000004F);
    public static final NtStatus EA_TOO_LARGE = new NtStatus(0xC0000050);
    public static final NtStatus NO_EAS_ON_FILE = new NtStatus(0xC0000052);
    public static final NtStatus NO_MORE_EAS = new NtStatus(0x80000012);
    public static final NtStatus BUFFER_OVERFLOW = new NtStatus(0x80000005);
    public static final NtStatus NO_MORE_FILES = new NtStatus(0x80000006);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(SUCCESS.code, "STATUS_SUCCESS"),
            Map.entry(PENDING.code, "STATUS_PENDING"),
            Map.entry(NOTIFY_CLEANUP.code, "STATUS_NOTIFY_CLEANUP"),
            Map.entry(NOTIFY_ENUM_DIR.code, "STATUS_NOTIFY_ENUM_DIR"),
            Map.entry(MORE_PROCESSING_REQUIRED.code, "STATUS_MORE_PROCESSING_REQUIRED"),
            Map.entry(NOT_IMPLEMENTED.code, "STATUS_NOT_IMPLEMENTED"),
            Map.entry(INVALID_PARAMETER.code, "STATUS_INVALID_PARAMETER"),
            Map.entry(INVALID_VIEW_SIZE.code, "STATUS_INVALID_VIEW_SIZE"),
            Map.entry(ACCESS_DENIED.code, "STATUS_ACCESS_DENIED"),
            Map.entry(NOT_SUPPORTED.code, "STATUS_NOT_SUPPORTED"),
            Map.entry(BAD_NETWORK_NAME.code, "STATUS_BAD_NETWORK_NAME"),
            Map.entry(REQUEST_NOT_ACCEPTED.code, "STATUS_REQUEST_NOT_ACCEPTED"),
            Map.entry(INTERNAL_ERROR.code, "STATUS_INTERNAL_ERROR"),
            Map.entry(LOGON_FAILURE.code, "STATUS_LOGON_FAILURE"),
            Map.entry(USER_SESSION_DELETED.code, "STATUS_USER_SESSION_DELETED"),
            Map.entry(NETWORK_NAME_DELETED.code, "STATUS_NETWORK_NAME_DELETED"),
            Map.entry(INVALID_DEVICE_REQUEST.code, "STATUS_INVALID_DEVICE_REQUEST"),
            Map.entry(FILE_CLOSED.code, "STATUS_FILE_CLOSED"),
            Map.entry(NETWORK_SESSION_EXPIRED.code, "STATUS_NETWORK_SESSION_EXPIRED"),
            Map.entry(REQUEST_OUT_OF_SEQUENCE.code, "STATUS_REQUEST_OUT_OF_SEQUENCE"),
            Map.entry(INSUFFICIENT_RESOURCES.code, "STATUS_INSUFFICIENT_RESOURCES"),
            Map.entry(FILE_NOT_AVAILABLE.code, "STATUS_FILE_NOT_AVAILABLE"),
            Map.entry(DUPLICATE_OBJECTID.code, "STATUS_DUPLICATE_OBJECTID"),
            Map.entry(CANCELLED.code, "STATUS_CANCELLED"),
            Map.entry(CANNOT_DELETE.code, "STATUS_CANNOT_DELETE"),
            Map.entry(INVALID_SECURITY_DESCR.code, "STATUS_INVALID_SECURITY_DESCR"),
            Map.entry(UNSUCCESSFUL.code, "STATUS_UNSUCCESSFUL"),
            Map.entry(INFO_LENGTH_MISMATCH.code, "STATUS_INFO_LENGTH_MISMATCH"),
            Map.entry(INVALID_INFO_CLASS.code, "STATUS_INVALID_INFO_CLASS"),
            Map.entry(NO_SUCH_FILE.code, "STATUS_NO_SUCH_FILE"),
            Map.entry(END_OF_FILE.code, "STATUS_END_OF_FILE"),
            Map.entry(BUFFER_TOO_SMALL.code, "STATUS_BUFFER_TOO_SMALL"),
            Map.entry(OBJECT_NAME_INVALID.code, "STATUS_OBJECT_NAME_INVALID"),
            Map.entry(OBJECT_NAME_NOT_FOUND.code, "STATUS_OBJECT_NAME_NOT_FOUND"),
            Map.entry(OBJECT_NAME_COLLISION.code, "STATUS_OBJECT_NAME_COLLISION"),
            Map.entry(OBJECT_PATH_NOT_FOUND.code, "STATUS_OBJECT_PATH_NOT_FOUND"),
            Map.entry(SHARING_VIOLATION.code, "STATUS_SHARING_VIOLATION"),
            Map.entry(FILE_LOCK_CONFLICT.code, "STATUS_FILE_LOCK_CONFLICT"),
            Map.entry(LOCK_NOT_GRANTED.code, "STATUS_LOCK_NOT_GRANTED"),
            Map.entry(DELETE_PENDING.code, "STATUS_DELETE_PENDING"),
            Map.entry(RANGE_NOT_LOCKED.code, "STATUS_RANGE_NOT_LOCKED"),
            Map.entry(DISK_FULL.code, "STATUS_DISK_FULL"),
            Map.entry(MEDIA_WRITE_PROTECTED.code, "STATUS_MEDIA_WRITE_PROTECTED"),
            Map.entry(FILE_IS_A_DIRECTORY.code, "STATUS_FILE_IS_A_DIRECTORY"),
            Map.entry(INVALID_OPLOCK_PROTOCOL.code, "STATUS_INVALID_OPLOCK_PROTOCOL"),
            Map.entry(UNEXPECTED_IO_ERROR.code, "STATUS_UNEXPECTED_IO_ERROR"),
            Map.entry(DIRECTORY_NOT_EMPTY.code, "STATUS_DIRECTORY_NOT_EMPTY"),
            Map.entry(FILE_CORRUPT_ERROR.code, "STATUS_FILE_CORRUPT_ERROR"),
            Map.entry(NOT_A_DIRECTORY.code, "STATUS_NOT_A_DIRECTORY"),
            Map.entry(INVALID_DEVICE_STATE.code, "STATUS_INVALID_DEVICE_STATE"),
            Map.entry(INVALID_LOCK_RANGE.code, "STATUS_INVALID_LOCK_RANGE"),
            Map.entry(FILE_TOO_LARGE.code, "STATUS_FILE_TOO_LARGE"),
            Map.entry(INVALID_EA_NAME.code, "STATUS_INVALID_EA_NAME"),
            Map.entry(EA_LIST_INCONSISTENT.code, "STATUS_EA_LIST_INCONSISTENT"),
            Map.entry(EAS_NOT_SUPPORTED.code, "STATUS_EAS_NOT_SUPPORTED"),
            Map.entry(EA_TOO_LARGE.code, "STATUS_EA_TOO_LARGE"),
            Map.entry(NO_EAS_ON_FILE.code, "STATUS_NO_EAS_ON_FILE"),
            Map.entry(NO_MORE_EAS.code, "STATUS_NO_MORE_EAS"),
            Map.entry(BUFFER_OVERFLOW.code, "STATUS_BUFFER_OVERFLOW"),
            Map.entry(NO_MORE_FILES.code, "STATUS_NO_MORE_FILES"));

    /** True for STATUS_SUCCESS. */
    public boolean isSuccess() {
        return code == 0;
    }

    /** The spec name, or the hex code for a status Haven does not name. */
    public String name() {
        String name = NAMES.get(code);
        return name != null ? name : String.format("0x%08X", code);
    }

    @Override
    public String toString() {
        return name();
    }
}
