package dev.haven.smb.auth;

/** A security token that does not parse; always answered with {@link AuthResult.Reason#MALFORMED}. */
final class MalformedTokenException extends Exception {
    MalformedTokenException(String message) {
        super(message, null, false, false);
    }
}
