package dev.haven.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The 8-byte "NTLMSSP\0" signature that starts every NTLM message ([MS-NLMP] 2.2.1). */
final class NtlmSignature {
    static final byte[] BYTES = "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII);

    private NtlmSignature() {
    }

    static boolean startsWith(byte[] token) {
        return token != null && token.length >= BYTES.length
                && Arrays.equals(token, 0, BYTES.length, BYTES, 0, BYTES.length);
    }

    /** Checks the signature and MessageType of an NTLM message. */
    static void check(LeReader r, int messageType) throws MalformedTokenException {
        if (!Arrays.equals(r.bytes(0, 8), BYTES)) {
            throw new MalformedTokenException("not an NTLMSSP message");
        }
        int type = r.u32(8);
        if (type != messageType) {
            throw new MalformedTokenException("expected NTLM message type " + messageType + ", got " + type);
        }
    }
}
