package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.6: SMB2 SESSION_SETUP Response. StructureSize (9), SessionFlags (2),
 * SecurityBufferOffset (2), SecurityBufferLength (2), Buffer.
 */
public record SessionSetupResponse(int sessionFlags, byte[] securityBuffer) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 9;
    /** SessionFlags: the client was logged on as guest. */
    public static final int IS_GUEST = 0x0001;
    /** SessionFlags: the client was logged on anonymously. */
    public static final int IS_NULL = 0x0002;
    /** SessionFlags: the server requires encryption on this session (3.x). */
    public static final int ENCRYPT_DATA = 0x0004;

    /** Copies the buffer. */
    public SessionSetupResponse {
        securityBuffer = securityBuffer.clone();
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(sessionFlags).u16(Smb2Header.SIZE + 8).u16(securityBuffer.length);
        if (securityBuffer.length == 0) {
            w.u8(0);
        } else {
            w.bytes(securityBuffer);
        }
    }

    /** Decodes a response body (used by tests and clients). */
    public static SessionSetupResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int flags = r.u16();
        int offset = r.u16();
        int length = r.u16();
        return new SessionSetupResponse(flags, r.buffer(offset, length, r.position()));
    }
}
