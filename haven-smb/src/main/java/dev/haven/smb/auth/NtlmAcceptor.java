package dev.haven.smb.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * The server side of one NTLMv2 exchange ([MS-NLMP] 3.2.5), connection-oriented:
 * <pre>
 *  EXPECT_NEGOTIATE --NEGOTIATE--> EXPECT_AUTHENTICATE --AUTHENTICATE ok--> DONE
 *         |                               |
 *         +--------- bad token -----------+--> FAILED
 * </pre>
 * Not thread-safe; one SESSION_SETUP exchange owns one acceptor.
 */
final class NtlmAcceptor {
    /** 100 ns intervals between 1601-01-01 (FILETIME epoch) and 1970-01-01. */
    private static final long FILETIME_EPOCH_OFFSET = 116_444_736_000_000_000L;
    private static final int NTPROOF_LENGTH = 16;
    /** 2.2.2.7 NTLMv2_CLIENT_CHALLENGE: 28 fixed bytes before the AV pairs, then at least MsvAvEOL. */
    private static final int MIN_NTLMV2_RESPONSE = NTPROOF_LENGTH + 28 + 4;
    private static final int NTLMV1_RESPONSE = 24;

    private final UserDirectory users;
    private final boolean anonymousAllowed;
    private final ServerIdentity identity;
    private final Clock clock;
    private final SecureRandom random;
    private NtlmState state = NtlmState.EXPECT_NEGOTIATE;
    private NegotiateMessage negotiate;
    private byte[] challengeBytes;
    private ChallengeMessage challenge;
    private byte[] exportedSessionKey;
    private int flags;
    private boolean micPresent;
    private String claimedUser;

    /** {@code anonymousAllowed}: whether a null session (empty user and responses) is accepted. */
    NtlmAcceptor(UserDirectory users, boolean anonymousAllowed, ServerIdentity identity, Clock clock,
            SecureRandom random) {
        this.users = users;
        this.anonymousAllowed = anonymousAllowed;
        this.identity = identity;
        this.clock = clock;
        this.random = random;
    }

    NtlmState state() {
        return state;
    }

    /** Processes the next NTLM message; the Success carries an empty response token. */
    AuthResult step(byte[] token) {
        try {
            return switch (state) {
                case EXPECT_NEGOTIATE -> onNegotiate(NegotiateMessage.decode(token));
                case EXPECT_AUTHENTICATE -> onAuthenticate(AuthenticateMessage.decode(token));
                case DONE, FAILED -> fail(AuthResult.Reason.MALFORMED, "NTLM exchange already finished");
            };
        } catch (MalformedTokenException e) {
            return fail(AuthResult.Reason.MALFORMED, e.getMessage());
        }
    }

    /** The negotiated flags (AUTHENTICATE's, limited to what the CHALLENGE offered); valid after DONE. */
    int flags() {
        return flags;
    }

    /** The ExportedSessionKey; valid after DONE. */
    byte[] exportedSessionKey() {
        return exportedSessionKey.clone();
    }

    /** The user name of the parsed AUTHENTICATE_MESSAGE, verified or not; null before one parsed. */
    String claimedUser() {
        return claimedUser;
    }

    /** True when the client's AUTHENTICATE carried a (verified) MIC. */
    boolean micPresent() {
        return micPresent;
    }

    private AuthResult onNegotiate(NegotiateMessage msg) {
        if (!NegotiateFlags.has(msg.negotiateFlags(), NegotiateFlags.UNICODE)) {
            return fail(AuthResult.Reason.UNSUPPORTED, "client does not offer NTLMSSP_NEGOTIATE_UNICODE");
        }
        byte[] serverChallenge = new byte[8];
        random.nextBytes(serverChallenge);
        negotiate = msg;
        challenge = new ChallengeMessage(NegotiateFlags.answer(msg.negotiateFlags()), serverChallenge,
                identity.netbiosName(), AvPairs.targetInfo(identity, fileTime(clock.instant())));
        challengeBytes = challenge.encode();
        state = state.next(NtlmState.EXPECT_AUTHENTICATE);
        return new AuthResult.Continue(challengeBytes.clone());
    }

    private AuthResult onAuthenticate(AuthenticateMessage msg) throws MalformedTokenException {
        claimedUser = msg.user();
        int nt = msg.ntResponse().length;
        if (nt == 0 && msg.user().isEmpty()) {
            return anonymous(msg);
        }
        if (nt == 0 || nt == NTLMV1_RESPONSE) {
            return fail(AuthResult.Reason.LOGON_FAILURE, "LM and NTLMv1 responses are refused");
        }
        if (nt < MIN_NTLMV2_RESPONSE) {
            throw new MalformedTokenException("NtChallengeResponse of " + nt + " bytes is not NTLMv2");
        }
        byte[] proof = Arrays.copyOf(msg.ntResponse(), NTPROOF_LENGTH);
        byte[] blob = Arrays.copyOfRange(msg.ntResponse(), NTPROOF_LENGTH, nt);
        if (blob[0] != 1 || blob[1] != 1) {
            throw new MalformedTokenException("NTLMv2_CLIENT_CHALLENGE RespType/HiRespType is not 1");
        }
        Map<Integer, byte[]> clientPairs = AvPairs.parse(blob, 28);
        // Unknown users are checked against a random hash so that they fail in the same time.
        Optional<byte[]> hash = users.ntHash(msg.user());
        byte[] ntHash = hash.filter(h -> h.length == 16).orElseGet(this::randomHash);
        // The domain is not checked: like Samba's standalone server, any domain name the client
        // types is accepted for a local user; it only enters NTOWFv2 as the client sent it.
        byte[] responseKey = NtlmKeys.ntowfV2(ntHash, msg.user(), msg.domain());
        byte[] expected = NtlmKeys.hmacMd5(responseKey, challenge.serverChallenge(), blob);
        if (!MessageDigest.isEqual(expected, proof) || hash.isEmpty()) {
            return fail(AuthResult.Reason.LOGON_FAILURE, "wrong password or unknown user " + msg.user());
        }
        return finish(msg, NtlmKeys.hmacMd5(responseKey, proof), AvPairs.flags(clientPairs));
    }

    /**
     * 3.2.5.1.2 and 3.3.2: an empty user name with an empty NtChallengeResponse and a Z(1) or
     * empty LmChallengeResponse is an anonymous logon, whose SessionBaseKey is Z(16). Refused
     * unless the server allows null sessions.
     */
    private AuthResult anonymous(AuthenticateMessage msg) throws MalformedTokenException {
        byte[] lm = msg.lmResponse();
        if (lm.length > 1 || (lm.length == 1 && lm[0] != 0)) {
            return fail(AuthResult.Reason.LOGON_FAILURE, "anonymous logon with an LM response");
        }
        if (!anonymousAllowed) {
            return fail(AuthResult.Reason.LOGON_FAILURE, "anonymous logon is disabled");
        }
        return finish(msg, new byte[16], 0);
    }

    /** 3.2.5.1.2 after the response verified: key exchange, then the MIC when announced. */
    private AuthResult finish(AuthenticateMessage msg, byte[] sessionBaseKey, int avFlags)
            throws MalformedTokenException {
        flags = msg.negotiateFlags() & challenge.negotiateFlags();
        // 3.4.5.1 KXKEY: for NTLMv2 the key exchange key is the session base key.
        byte[] keyExchangeKey = sessionBaseKey;
        byte[] encrypted = msg.encryptedRandomSessionKey();
        if (NegotiateFlags.has(flags, NegotiateFlags.KEY_EXCH) && encrypted.length == 16) {
            exportedSessionKey = NtlmKeys.rc4(keyExchangeKey, encrypted);
        } else if (encrypted.length == 0 || !NegotiateFlags.has(flags, NegotiateFlags.KEY_EXCH)) {
            // A client that sends no EncryptedRandomSessionKey did not do the exchange (as Samba reads it).
            flags &= ~NegotiateFlags.KEY_EXCH;
            exportedSessionKey = keyExchangeKey;
        } else {
            throw new MalformedTokenException("EncryptedRandomSessionKey of " + encrypted.length + " bytes");
        }
        if ((avFlags & AvPairs.FLAG_MIC_PRESENT) != 0) {
            byte[] mic = NtlmKeys.hmacMd5(exportedSessionKey, negotiate.raw(), challengeBytes, msg.withZeroMic());
            if (!MessageDigest.isEqual(mic, msg.mic())) {
                return fail(AuthResult.Reason.LOGON_FAILURE, "AUTHENTICATE_MESSAGE MIC mismatch");
            }
            micPresent = true;
        }
        state = state.next(NtlmState.DONE);
        return new AuthResult.Success(new byte[0], msg.user(), msg.domain(), exportedSessionKey.clone(), false);
    }

    private byte[] randomHash() {
        byte[] h = new byte[16];
        random.nextBytes(h);
        return h;
    }

    private AuthResult fail(AuthResult.Reason reason, String detail) {
        if (state != NtlmState.DONE && state != NtlmState.FAILED) {
            state = state.next(NtlmState.FAILED);
            exportedSessionKey = null;
        }
        return new AuthResult.Failure(reason, detail);
    }

    /** A FILETIME: 100 ns intervals since 1601-01-01 UTC ([MS-DTYP] 2.3.3). */
    static long fileTime(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 10_000_000L) + t.getNano() / 100,
                FILETIME_EPOCH_OFFSET);
    }
}
