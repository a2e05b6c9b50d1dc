package dev.haven.smb.auth;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for the SPNEGO ([MS-SPNG], RFC 4178) and NTLMSSP ([MS-NLMP] 2.2.1) token decoders:
 * every decoder sees every input, and any exception but {@link MalformedTokenException} is a
 * finding. Seeds (tokens captured from smbclient) live in
 * src/test/resources/dev/haven/smb/auth/AuthFuzzTestInputs/tokens; see docs/fuzzing.md.
 */
class AuthFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void tokens(byte[] token) {
        try {
            NegTokenInit.decode(token);
        } catch (MalformedTokenException expected) {
            // the only failure a decoder may raise
        }
        try {
            NegTokenResp.decode(token);
        } catch (MalformedTokenException expected) {
            // the only failure a decoder may raise
        }
        try {
            NegotiateMessage.decode(token);
        } catch (MalformedTokenException expected) {
            // the only failure a decoder may raise
        }
        try {
            AuthenticateMessage.decode(token);
        } catch (MalformedTokenException expected) {
            // the only failure a decoder may raise
        }
    }
}
