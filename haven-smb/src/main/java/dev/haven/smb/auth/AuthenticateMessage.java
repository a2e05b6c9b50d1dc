package dev.haven.smb.auth;

import java.util.Arrays;

/**
 * [MS-NLMP] 2.2.1.3 AUTHENTICATE_MESSAGE:
 * <pre>
 * offset size field
 *      0    8 Signature, 8 4 MessageType = 3
 *     12    8 LmChallengeResponseFields
 *     20    8 NtChallengeResponseFields
 *     28    8 DomainNameFields
 *     36    8 UserNameFields
 *     44    8 WorkstationFields
 *     52    8 EncryptedRandomSessionKeyFields
 *     60    4 NegotiateFlags
 *     64    8 Version
 *     72   16 MIC (present when the NTLMv2 blob's MsvAvFlags says so)
 * </pre>
 */
record AuthenticateMessage(byte[] lmResponse, byte[] ntResponse, String domain, String user,
        String workstation, byte[] encryptedRandomSessionKey, int negotiateFlags, byte[] raw) {
    static final int TYPE = 3;
    static final int MIC_OFFSET = 72;
    static final int MIC_LENGTH = 16;
    private static final int MIN_LENGTH = 64;

    static AuthenticateMessage decode(byte[] token) throws MalformedTokenException {
        LeReader r = new LeReader(token);
        NtlmSignature.check(r, TYPE);
        if (token.length < MIN_LENGTH) {
            throw new MalformedTokenException("AUTHENTICATE_MESSAGE shorter than its fixed part");
        }
        int flags = r.u32(60);
        if (!NegotiateFlags.has(flags, NegotiateFlags.UNICODE)) {
            // 3.2.5.1.2: the strings are OEM otherwise; this server only offers Unicode.
            throw new MalformedTokenException("AUTHENTICATE_MESSAGE without NTLMSSP_NEGOTIATE_UNICODE");
        }
        return new AuthenticateMessage(r.field(12), r.field(20), r.unicodeField(28), r.unicodeField(36),
                r.unicodeField(44), r.field(52), flags, token.clone());
    }

    /** The MIC field; only meaningful when the blob's MsvAvFlags announced it. */
    byte[] mic() throws MalformedTokenException {
        return new LeReader(raw).bytes(MIC_OFFSET, MIC_LENGTH);
    }

    /** The message with its MIC field zeroed, as the MIC is computed over it (3.1.5.1.2). */
    byte[] withZeroMic() throws MalformedTokenException {
        mic();
        byte[] copy = raw.clone();
        Arrays.fill(copy, MIC_OFFSET, MIC_OFFSET + MIC_LENGTH, (byte) 0);
        return copy;
    }
}
