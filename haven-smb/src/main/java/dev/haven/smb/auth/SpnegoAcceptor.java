package dev.haven.smb.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * Accepts one SESSION_SETUP exchange: SPNEGO ([MS-SPNG], RFC 4178) with NTLMSSP as the only
 * mechanism, or raw NTLMSSP tokens without SPNEGO framing. Stateful over its legs:
 * <pre>
 *   START --NTLMSSP token--> RAW ----------------+
 *     |                                          +--> FINISHED (Success or Failure)
 *     +--NegTokenInit--> SPNEGO --NegTokenResp---+
 * </pre>
 * Not thread-safe (one SESSION_SETUP at a time per session). Never throws on bad input: every
 * malformed token is a {@link AuthResult.Failure} with reason MALFORMED.
 */
public final class SpnegoAcceptor {
    private enum Phase { START, RAW, SPNEGO, FINISHED }

    private final NtlmAcceptor ntlm;
    private Phase phase = Phase.START;
    private byte[] mechTypesEncoding;
    private boolean micRequired;

    /** One acceptor per SESSION_SETUP exchange, refusing anonymous logons. */
    public SpnegoAcceptor(UserDirectory users, ServerIdentity identity, Clock clock, SecureRandom random) {
        this(users, false, identity, clock, random);
    }

    /**
     * One acceptor per SESSION_SETUP exchange; {@code anonymousAllowed}: an anonymous NTLM logon
     * succeeds with an empty user name ([MS-NLMP] 3.2.5.1.2) instead of being refused.
     */
    public SpnegoAcceptor(UserDirectory users, boolean anonymousAllowed, ServerIdentity identity, Clock clock,
            SecureRandom random) {
        this.ntlm = new NtlmAcceptor(Objects.requireNonNull(users), anonymousAllowed, Objects.requireNonNull(identity),
                Objects.requireNonNull(clock), Objects.requireNonNull(random));
    }

    /** The NegTokenInit2 for the NEGOTIATE response SecurityBuffer ([MS-SPNG] 3.2.5.2). */
    public static byte[] negotiateHint() {
        return NegTokenInit.hint();
    }

    /** Processes one SPNEGO-wrapped or raw NTLMSSP token; never throws on bad input. */
    public AuthResult accept(byte[] securityBuffer) {
        if (phase == Phase.FINISHED) {
            return new AuthResult.Failure(AuthResult.Reason.MALFORMED, "authentication exchange already finished");
        }
        if (securityBuffer == null || securityBuffer.length == 0) {
            return finish(new AuthResult.Failure(AuthResult.Reason.MALFORMED, "empty security buffer"));
        }
        try {
            if (NtlmSignature.startsWith(securityBuffer)) {
                return raw(securityBuffer);
            }
            return switch (phase) {
                case START -> onInit(NegTokenInit.decode(securityBuffer));
                case SPNEGO -> onResp(NegTokenResp.decode(securityBuffer));
                case RAW -> throw new MalformedTokenException("SPNEGO token in a raw NTLMSSP exchange");
                case FINISHED -> throw new IllegalStateException("unreachable");
            };
        } catch (MalformedTokenException e) {
            return finish(new AuthResult.Failure(AuthResult.Reason.MALFORMED, e.getMessage()));
        }
    }

    /**
     * The user name the client's AUTHENTICATE_MESSAGE claimed, once one was parsed: for logon
     * throttling and logs after a failure. Authenticated only when the result was a Success.
     */
    public Optional<String> claimedUserName() {
        return Optional.ofNullable(ntlm.claimedUser());
    }

    private AuthResult raw(byte[] token) throws MalformedTokenException {
        if (phase == Phase.SPNEGO) {
            throw new MalformedTokenException("raw NTLMSSP token in a SPNEGO exchange");
        }
        phase = Phase.RAW;
        return finish(ntlm.step(token));
    }

    /** RFC 4178 4.2.1 / 3.2: the client's first token; NTLMSSP must be among its mechanisms. */
    private AuthResult onInit(NegTokenInit init) {
        phase = Phase.SPNEGO;
        mechTypesEncoding = init.mechTypesEncoding();
        int index = -1;
        for (int i = 0; i < init.mechTypes().size() && index < 0; i++) {
            index = SpnegoOids.isNtlmssp(init.mechTypes().get(i)) ? i : -1;
        }
        if (index < 0) {
            return finish(new AuthResult.Failure(AuthResult.Reason.UNSUPPORTED, "client offers no NTLMSSP"));
        }
        if (index > 0 || init.mechToken() == null) {
            // RFC 4178 5: NTLMSSP is not the client's first choice (its optimistic token, if any,
            // is for another mechanism and is ignored), so both sides must exchange mechListMIC
            // and the server asks for it with negState request-mic.
            micRequired = index > 0;
            return new AuthResult.Continue(new NegTokenResp(
                    micRequired ? NegTokenResp.REQUEST_MIC : NegTokenResp.ACCEPT_INCOMPLETE,
                    SpnegoOids.NTLMSSP, null, null).encode());
        }
        return wrapNtlm(ntlm.step(init.mechToken()), null, SpnegoOids.NTLMSSP);
    }

    private AuthResult onResp(NegTokenResp resp) throws MalformedTokenException {
        if (resp.responseToken() == null) {
            throw new MalformedTokenException("NegTokenResp without responseToken");
        }
        return wrapNtlm(ntlm.step(resp.responseToken()), resp.mechListMic(), null);
    }

    private AuthResult wrapNtlm(AuthResult result, byte[] clientMic, byte[] supportedMech) {
        return switch (result) {
            case AuthResult.Continue c -> new AuthResult.Continue(new NegTokenResp(
                    NegTokenResp.ACCEPT_INCOMPLETE, supportedMech, c.responseToken(), null).encode());
            case AuthResult.Success s -> finish(complete(s, clientMic));
            case AuthResult.Failure f -> finish(f);
        };
    }

    /**
     * RFC 4178 5 and [MS-SPNG] 3.1.5.1: verify the client's mechListMIC (NTLM GSS_GetMIC over
     * the MechTypeList as received, client-to-server keys, sequence 0, [MS-NLMP] 3.4.4.2) and
     * answer with ours (server-to-client keys). Only the extended-session-security MAC is implemented.
     */
    private AuthResult complete(AuthResult.Success s, byte[] clientMic) {
        int flags = ntlm.flags();
        byte[] key = ntlm.exportedSessionKey();
        boolean canMic = NegotiateFlags.has(flags, NegotiateFlags.EXTENDED_SESSIONSECURITY);
        if (clientMic != null) {
            if (!canMic) {
                return new AuthResult.Failure(AuthResult.Reason.UNSUPPORTED,
                        "mechListMIC without NTLM extended session security");
            }
            if (!MessageDigest.isEqual(NtlmKeys.mac(key, flags, true, mechTypesEncoding), clientMic)) {
                return new AuthResult.Failure(AuthResult.Reason.LOGON_FAILURE, "SPNEGO mechListMIC mismatch");
            }
        } else if (micRequired) {
            return new AuthResult.Failure(AuthResult.Reason.LOGON_FAILURE,
                    "mechListMIC missing although NTLMSSP was not the client's first mechanism");
        }
        boolean sendMic = canMic && (clientMic != null || micRequired || ntlm.micPresent());
        byte[] serverMic = sendMic ? NtlmKeys.mac(key, flags, false, mechTypesEncoding) : null;
        byte[] token = new NegTokenResp(NegTokenResp.ACCEPT_COMPLETED, null, null, serverMic).encode();
        return new AuthResult.Success(token, s.user(), s.domain(), s.sessionKey(), s.guest());
    }

    private AuthResult finish(AuthResult result) {
        if (!(result instanceof AuthResult.Continue)) {
            phase = Phase.FINISHED;
        }
        return result;
    }
}
