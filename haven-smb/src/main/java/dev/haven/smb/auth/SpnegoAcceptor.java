package dev.haven.smb.auth;

import java.security.SecureRandom;
import java.time.Clock;

/** Accepts one SESSION_SETUP exchange (SPNEGO over NTLMSSP); stateful over its legs. */
public final class SpnegoAcceptor {
    /** One acceptor per SESSION_SETUP exchange. */
    public SpnegoAcceptor(UserDirectory users, ServerIdentity identity, Clock clock, SecureRandom random) {
    }

    /** The NegTokenInit2 for the NEGOTIATE response SecurityBuffer. */
    public static byte[] negotiateHint() {
        throw new UnsupportedOperationException("not yet");
    }

    /** Processes one SPNEGO-wrapped or raw NTLMSSP token; never throws on bad input. */
    public AuthResult accept(byte[] securityBuffer) {
        throw new UnsupportedOperationException("not yet");
    }
}
