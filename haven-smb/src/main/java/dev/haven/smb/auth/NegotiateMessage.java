package dev.haven.smb.auth;

/**
 * [MS-NLMP] 2.2.1.1 NEGOTIATE_MESSAGE. Only the flags matter to the server; the raw bytes are kept
 * because the AUTHENTICATE MIC covers them (3.1.5.1.2).
 */
record NegotiateMessage(int negotiateFlags, byte[] raw) {
    static final int TYPE = 1;

    /** Decodes; the domain and workstation fields are not needed by an NTLMv2 server. */
    static NegotiateMessage decode(byte[] token) throws MalformedTokenException {
        LeReader r = new LeReader(token);
        NtlmSignature.check(r, TYPE);
        return new NegotiateMessage(r.u32(12), token.clone());
    }
}
