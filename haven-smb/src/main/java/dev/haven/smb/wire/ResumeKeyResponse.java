package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.32.3 SRV_REQUEST_RESUME_KEY Response: ResumeKey (24), ContextLength (4), Context.
 * Haven sends no context (ContextLength 0) but, as Windows does ([MS-SMB2] 2.2.32.3 note), four
 * zero bytes where it would be: 32 bytes in all.
 */
public record ResumeKeyResponse(byte[] resumeKey) {
    /** Size of the encoded response. */
    public static final int SIZE = 32;

    /** Checks and copies the key. */
    public ResumeKeyResponse {
        if (resumeKey.length != 24) {
            throw new IllegalArgumentException("a resume key is 24 bytes");
        }
        resumeKey = resumeKey.clone();
    }

    @Override
    public byte[] resumeKey() {
        return resumeKey.clone();
    }

    /** The IOCTL output buffer. */
    public byte[] encode() {
        return new WireWriter(SIZE).bytes(resumeKey).u32(0).u32(0).toByteArray();
    }

    /** Decodes an output buffer (tests and clients). */
    public static ResumeKeyResponse decode(byte[] out) throws MalformedMessageException {
        WireReader r = new WireReader(out);
        byte[] key = r.bytes(24);
        r.u32();
        return new ResumeKeyResponse(key);
    }
}
