package dev.haven.smb.wire;

/**
 * A request for a command Haven cannot serve yet (CREATE, READ, ...): kept whole so it can be
 * answered with an error status ([MS-SMB2] 3.3.5.2) instead of a disconnect.
 *
 * @param body the bytes after the header, up to the end of this message
 */
public record UnsupportedRequest(Command command, byte[] body) implements Smb2Request {
    /** Copies the body. */
    public UnsupportedRequest {
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    static UnsupportedRequest decode(Command command, WireReader r) throws MalformedMessageException {
        return new UnsupportedRequest(command, r.bytes(r.length() - r.position()));
    }
}
