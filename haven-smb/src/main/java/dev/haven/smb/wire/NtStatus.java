package dev.haven.smb.wire;

import java.util.Map;

/**
 * [MS-ERREF] 2.3: a 32-bit NTSTATUS value. An open set: codes Haven has no name for are kept
 * as they are and printed in hex.
 */
public record NtStatus(int code) {
    public static final NtStatus SUCCESS = new NtStatus(0x00000000);
    public static final NtStatus PENDING = new NtStatus(0x00000103);
    public static final NtStatus MORE_PROCESSING_REQUIRED = new NtStatus(0xC0000016);
    public static final NtStatus NOT_IMPLEMENTED = new NtStatus(0xC0000002);
    public static final NtStatus INVALID_PARAMETER = new NtStatus(0xC000000D);
    public static final NtStatus ACCESS_DENIED = new NtStatus(0xC0000022);
    public static final NtStatus NOT_SUPPORTED = new NtStatus(0xC00000BB);
    public static final NtStatus BAD_NETWORK_NAME = new NtStatus(0xC00000CC);
    public static final NtStatus REQUEST_NOT_ACCEPTED = new NtStatus(0xC00000D0);
    public static final NtStatus INTERNAL_ERROR = new NtStatus(0xC00000E5);
    public static final NtStatus LOGON_FAILURE = new NtStatus(0xC000006D);
    public static final NtStatus USER_SESSION_DELETED = new NtStatus(0xC0000203);
    public static final NtStatus NETWORK_NAME_DELETED = new NtStatus(0xC00000C9);
    public static final NtStatus INVALID_DEVICE_REQUEST = new NtStatus(0xC0000010);
    public static final NtStatus FILE_CLOSED = new NtStatus(0xC0000128);
    public static final NtStatus NETWORK_SESSION_EXPIRED = new NtStatus(0xC000035C);
    public static final NtStatus INSUFFICIENT_RESOURCES = new NtStatus(0xC000009A);
    public static final NtStatus CANCELLED = new NtStatus(0xC0000120);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(SUCCESS.code, "STATUS_SUCCESS"),
            Map.entry(PENDING.code, "STATUS_PENDING"),
            Map.entry(MORE_PROCESSING_REQUIRED.code, "STATUS_MORE_PROCESSING_REQUIRED"),
            Map.entry(NOT_IMPLEMENTED.code, "STATUS_NOT_IMPLEMENTED"),
            Map.entry(INVALID_PARAMETER.code, "STATUS_INVALID_PARAMETER"),
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
            Map.entry(INSUFFICIENT_RESOURCES.code, "STATUS_INSUFFICIENT_RESOURCES"),
            Map.entry(CANCELLED.code, "STATUS_CANCELLED"));

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
