package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.5: SMB2 SESSION_SETUP Request. StructureSize (25), Flags (1), SecurityMode (1),
 * Capabilities (4), Channel (4), SecurityBufferOffset (2), SecurityBufferLength (2),
 * PreviousSessionId (8), Buffer.
 */
public record SessionSetupRequest(int flags, int securityMode, int capabilities, int channel,
        byte[] securityBuffer, long previousSessionId) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 25;
    /** Flags bit: bind this connection to an existing session (3.x multichannel). */
    public static final int FLAG_BINDING = 0x01;

    /** Copies the buffer. */
    public SessionSetupRequest {
        securityBuffer = securityBuffer.clone();
    }

    @Override
    public byte[] securityBuffer() {
        return securityBuffer.clone();
    }

    static SessionSetupRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int flags = r.u8();
        int securityMode = r.u8();
        int capabilities = r.u32();
        int channel = r.u32();
        int offset = r.u16();
        int length = r.u16();
        long previous = r.u64();
        byte[] buffer = r.buffer(offset, length, r.position());
        return new SessionSetupRequest(flags, securityMode, capabilities, channel, buffer, previous);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(flags).u8(securityMode).u32(capabilities).u32(channel)
                .u16(Smb2Header.SIZE + 24).u16(securityBuffer.length).u64(previousSessionId).bytes(securityBuffer);
    }
}
