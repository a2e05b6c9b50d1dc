package dev.haven.smb.wire;

/**
 * A message that does not follow the [MS-SMB2] field tables. {@link #fatal()} tells whether the
 * connection must be dropped (a broken header or frame) or the request merely fails with
 * STATUS_INVALID_PARAMETER (a broken body).
 */
public final class MalformedMessageException extends Exception {
    private final boolean fatal;

    /** A malformed message; {@code fatal} when the connection must be dropped. */
    public MalformedMessageException(String message, boolean fatal) {
        super(message, null, false, false);
        this.fatal = fatal;
    }

    /** A malformed request body: answered with STATUS_INVALID_PARAMETER. */
    public static MalformedMessageException body(String message) {
        return new MalformedMessageException(message, false);
    }

    /** A malformed header or frame: the connection is dropped. */
    public static MalformedMessageException fatal(String message) {
        return new MalformedMessageException(message, true);
    }

    /** True when the connection must be dropped rather than the request failed. */
    public boolean fatal() {
        return fatal;
    }
}
