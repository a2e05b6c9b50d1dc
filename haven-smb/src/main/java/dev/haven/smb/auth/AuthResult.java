package dev.haven.smb.auth;

/** The outcome of one SESSION_SETUP leg. */
public sealed interface AuthResult {
    /** More legs needed: answer STATUS_MORE_PROCESSING_REQUIRED with this token. */
    record Continue(byte[] responseToken) implements AuthResult {}

    /** Authenticated; sessionKey is the 16-byte [MS-SMB2] Session.SessionKey source. */
    record Success(byte[] responseToken, String user, String domain, byte[] sessionKey, boolean guest)
            implements AuthResult {}

    /** Refused: LOGON_FAILURE for bad credentials, MALFORMED / UNSUPPORTED for bad tokens. */
    record Failure(Reason reason, String detail) implements AuthResult {}

    /** Why authentication failed; the wire maps these to NTSTATUS. */
    enum Reason { LOGON_FAILURE, MALFORMED, UNSUPPORTED }
}
