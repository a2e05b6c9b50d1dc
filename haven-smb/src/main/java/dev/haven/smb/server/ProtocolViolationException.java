package dev.haven.smb.server;

/** The client broke the protocol: the connection is dropped without a reply. */
final class ProtocolViolationException extends Exception {
    ProtocolViolationException(String why) {
        super(why, null, false, false);
    }
}
