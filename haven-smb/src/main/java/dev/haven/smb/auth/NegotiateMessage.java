package dev.haven.smb.auth;

/**
 * [MS-NLMP] 2.2.1.1 NEGOTIATE_MESSAGE. Only the flags matter to the server; the raw bytes are kept
 * because the AUTHENTICATE MIC covers them (3.1.5.1.2).
 * <pre>
 * offset size field
 *      0    8 Signature, 8 4 MessageType = 1
 *     12    4 NegotiateFlags
 *     16    8 DomainNameFields
 *     24    8 WorkstationFields
 *     32    8 Version (when NTLMSSP_NEGOTIATE_VERSION)
 * </pre>
 */
record NegotiateMessage(int negotiateFlags, byte[] raw) {
    static final int TYPE = 1;
    private static final int FIXED_LENGTH = 32;
    private static final int VERSION_END = 40;

    /** Decodes and checks every field's bounds; the domain and workstation names are not needed. */
    static NegotiateMessage decode(byte[] token) throws MalformedTokenException {
        LeReader r = new LeReader(token);
        NtlmSignature.check(r, TYPE);
        int flags = r.u32(12);
        if (token.length < FIXED_LENGTH
                || NegotiateFlags.has(flags, NegotiateFlags.VERSION) && token.length < VERSION_END) {
            throw new MalformedTokenException("NEGOTIATE_MESSAGE shorter than its fixed part");
        }
        r.field(16);
        r.field(24);
        return new NegotiateMessage(flags, token.clone());
    }
}
