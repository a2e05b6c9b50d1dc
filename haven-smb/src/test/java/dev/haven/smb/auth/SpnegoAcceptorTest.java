package dev.haven.smb.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Two-leg SESSION_SETUP exchanges between {@link TestNtlmClient} and the acceptor. */
class SpnegoAcceptorTest {
    private static final Map<String, byte[]> HASHES = Map.of("alice", NtlmKeys.ntHash("Secret-1"));
    private static final UserDirectory USERS = name -> Optional.ofNullable(HASHES.get(name.toLowerCase(Locale.ROOT)));
    private static final ServerIdentity ID = new ServerIdentity("HAVEN", "WORKGROUP", "haven.example.test", "example.test");
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    private static final List<byte[]> NTLM_ONLY = List.of(SpnegoOids.NTLMSSP);

    private static SpnegoAcceptor acceptor() {
        return new SpnegoAcceptor(USERS, ID, Clock.fixed(NOW, ZoneOffset.UTC), new SecureRandom());
    }

    /** Runs NegTokenInit(NEGOTIATE) then NegTokenResp(AUTHENTICATE); returns the second result. */
    private static AuthResult spnego(TestNtlmClient client, boolean mechListMic) {
        return spnego(acceptor(), client, mechListMic);
    }

    private static AuthResult spnego(SpnegoAcceptor acceptor, TestNtlmClient client, boolean mechListMic) {
        AuthResult.Continue first = assertInstanceOf(AuthResult.Continue.class,
                acceptor.accept(client.negTokenInit(NTLM_ONLY, client.negotiate())));
        NegTokenResp resp = decodeResp(first.responseToken());
        assertEquals(NegTokenResp.ACCEPT_INCOMPLETE, resp.negState());
        assertArrayEquals(SpnegoOids.NTLMSSP, resp.supportedMech());
        return acceptor.accept(client.negTokenResp(client.authenticate(resp.responseToken()), mechListMic));
    }

    @Test
    void rightPasswordSucceedsWithTheExportedSessionKeyAndMechListMic() {
        TestNtlmClient client = new TestNtlmClient();
        AuthResult.Success ok = assertInstanceOf(AuthResult.Success.class, spnego(client, true));
        assertArrayEquals(client.randomSessionKey, ok.sessionKey());
        assertEquals("alice", ok.user());
        assertEquals("WORKGROUP", ok.domain());
        assertFalse(ok.guest());
        NegTokenResp done = decodeResp(ok.responseToken());
        assertEquals(NegTokenResp.ACCEPT_COMPLETED, done.negState());
        assertArrayEquals(client.expectedServerMechListMic(), done.mechListMic());
    }

    @Test
    void userNamesCompareCaseInsensitivelyAndAnyDomainIsAccepted() {
        TestNtlmClient client = new TestNtlmClient();
        client.user = "ALICE";
        client.domain = "SOMEWHERE-ELSE";
        assertInstanceOf(AuthResult.Success.class, spnego(client, true));
    }

    @Test
    void withoutKeyExchangeTheSessionKeyIsTheSessionBaseKey() {
        TestNtlmClient client = new TestNtlmClient();
        client.flags &= ~NegotiateFlags.KEY_EXCH;
        AuthResult.Success ok = assertInstanceOf(AuthResult.Success.class, spnego(client, true));
        assertArrayEquals(client.exportedSessionKey, ok.sessionKey());
        assertFalse(Arrays.equals(client.randomSessionKey, ok.sessionKey()));
    }

    @Test
    void rawNtlmsspTokensAreAccepted() {
        SpnegoAcceptor acceptor = acceptor();
        TestNtlmClient client = new TestNtlmClient();
        AuthResult.Continue c = assertInstanceOf(AuthResult.Continue.class, acceptor.accept(client.negotiate()));
        assertTrue(NtlmSignature.startsWith(c.responseToken()));
        AuthResult.Success ok = assertInstanceOf(AuthResult.Success.class, acceptor.accept(client.authenticate(c.responseToken())));
        assertArrayEquals(client.randomSessionKey, ok.sessionKey());
        assertEquals(0, ok.responseToken().length);
    }

    @Test
    void challengeAnswersTheClientFlagsAndCarriesTheTargetInfo() throws Exception {
        SpnegoAcceptor acceptor = acceptor();
        TestNtlmClient client = new TestNtlmClient();
        byte[] challenge = ((AuthResult.Continue) acceptor.accept(client.negotiate())).responseToken();
        ByteBuffer b = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
        int flags = b.getInt(20);
        int expected = TestNtlmClient.DEFAULT_FLAGS | NegotiateFlags.TARGET_INFO | NegotiateFlags.TARGET_TYPE_SERVER;
        assertEquals(expected, flags);
        Map<Integer, byte[]> pairs = AvPairs.parse(challenge, b.getInt(44));
        assertArrayEquals(TestNtlmClient.utf16("WORKGROUP"), pairs.get(AvPairs.MSV_AV_NB_DOMAIN_NAME));
        assertArrayEquals(TestNtlmClient.utf16("HAVEN"), pairs.get(AvPairs.MSV_AV_NB_COMPUTER_NAME));
        assertArrayEquals(TestNtlmClient.utf16("example.test"), pairs.get(AvPairs.MSV_AV_DNS_DOMAIN_NAME));
        assertArrayEquals(TestNtlmClient.utf16("haven.example.test"), pairs.get(AvPairs.MSV_AV_DNS_COMPUTER_NAME));
        long fileTime = ByteBuffer.wrap(pairs.get(AvPairs.MSV_AV_TIMESTAMP)).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(NtlmAcceptor.fileTime(NOW), fileTime);
        assertEquals(134_397_972_000_000_000L, fileTime); // 2026-11-22T05:00Z as a FILETIME
    }

    @Test
    void flagsNotAskedForAreNotGranted() {
        SpnegoAcceptor acceptor = acceptor();
        TestNtlmClient client = new TestNtlmClient();
        client.flags = NegotiateFlags.UNICODE | NegotiateFlags.NTLM | NegotiateFlags.EXTENDED_SESSIONSECURITY;
        byte[] challenge = ((AuthResult.Continue) acceptor.accept(client.negotiate())).responseToken();
        int flags = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN).getInt(20);
        assertEquals(0, flags & (NegotiateFlags.KEY_EXCH | NegotiateFlags.SIGN | NegotiateFlags.SEAL | NegotiateFlags.LM_KEY));
        assertInstanceOf(AuthResult.Success.class, acceptor.accept(client.authenticate(challenge)));
    }

    @Test
    void wrongPasswordIsLogonFailure() {
        TestNtlmClient client = new TestNtlmClient();
        client.password = "secret-1";
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(client, true));
    }

    @Test
    void claimedUserNameIsKnownAfterAFailedAuthenticate() {
        SpnegoAcceptor acceptor = acceptor();
        TestNtlmClient client = new TestNtlmClient();
        client.password = "wrong";
        assertTrue(acceptor.claimedUserName().isEmpty());
        AuthResult.Continue c = (AuthResult.Continue) acceptor.accept(client.negotiate());
        assertTrue(acceptor.claimedUserName().isEmpty());
        assertFailure(AuthResult.Reason.LOGON_FAILURE, acceptor.accept(client.authenticate(c.responseToken())));
        assertEquals(Optional.of("alice"), acceptor.claimedUserName());
    }

    @Test
    void unknownUserIsLogonFailure() {
        TestNtlmClient client = new TestNtlmClient();
        client.user = "mallory";
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(client, true));
    }

    @Test
    void wrongMicIsLogonFailure() {
        TestNtlmClient client = new TestNtlmClient();
        client.corruptMic = true;
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(client, true));
    }

    @Test
    void wrongMechListMicIsLogonFailure() {
        TestNtlmClient client = new TestNtlmClient();
        client.corruptMechListMic = true;
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(client, true));
    }

    @Test
    void ntlmV1AndAnonymousAreRefusedByDefault() {
        TestNtlmClient v1 = new TestNtlmClient();
        v1.ntlmV1 = true;
        v1.sendMic = false;
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(v1, false));
        TestNtlmClient anonymous = new TestNtlmClient();
        anonymous.anonymous = true;
        anonymous.sendMic = false;
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(anonymous, false));
    }

    @Test
    void anonymousSucceedsWithAnEmptyUserOnlyWhereAllowed() {
        SpnegoAcceptor allowing = new SpnegoAcceptor(USERS, true, ID, Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom());
        TestNtlmClient anonymous = new TestNtlmClient();
        anonymous.anonymous = true;
        anonymous.sendMic = false;
        AuthResult.Success ok = assertInstanceOf(AuthResult.Success.class, spnego(allowing, anonymous, false));
        assertEquals("", ok.user());
        assertFalse(ok.guest());
        NegTokenResp done = decodeResp(ok.responseToken());
        assertEquals(NegTokenResp.ACCEPT_COMPLETED, done.negState());
        assertEquals(null, done.mechListMic());
    }

    @Test
    void anonymousWithAnLmResponseIsRefusedEvenWhereAllowed() {
        SpnegoAcceptor allowing = new SpnegoAcceptor(USERS, true, ID, Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom());
        TestNtlmClient anonymous = new TestNtlmClient();
        anonymous.anonymous = true;
        anonymous.sendMic = false;
        anonymous.lmResponse = new byte[] {0, 1};
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(allowing, anonymous, false));
    }

    @Test
    void allowingAnonymousStillRefusesWrongPasswords() {
        SpnegoAcceptor allowing = new SpnegoAcceptor(USERS, true, ID, Clock.fixed(NOW, ZoneOffset.UTC),
                new SecureRandom());
        TestNtlmClient client = new TestNtlmClient();
        client.password = "wrong";
        assertFailure(AuthResult.Reason.LOGON_FAILURE, spnego(allowing, client, true));
    }

    @Test
    void kerberosFirstClientIsAskedForNtlmAndMustSendMechListMic() {
        for (boolean withMic : new boolean[] {true, false}) {
            SpnegoAcceptor acceptor = acceptor();
            TestNtlmClient client = new TestNtlmClient();
            byte[] optimisticKerberos = {0x60, 0x03, 0x06, 0x01, 0x00};
            AuthResult.Continue first = assertInstanceOf(AuthResult.Continue.class, acceptor.accept(
                    client.negTokenInit(List.of(TestNtlmClient.KERBEROS_OID, SpnegoOids.NTLMSSP), optimisticKerberos)));
            NegTokenResp r1 = decodeResp(first.responseToken());
            assertEquals(NegTokenResp.REQUEST_MIC, r1.negState());
            assertArrayEquals(SpnegoOids.NTLMSSP, r1.supportedMech());
            assertNull(r1.responseToken());
            AuthResult.Continue second = assertInstanceOf(AuthResult.Continue.class,
                    acceptor.accept(client.negTokenResp(client.negotiate(), false)));
            byte[] challenge = decodeResp(second.responseToken()).responseToken();
            AuthResult last = acceptor.accept(client.negTokenResp(client.authenticate(challenge), withMic));
            if (withMic) {
                assertInstanceOf(AuthResult.Success.class, last);
            } else {
                assertFailure(AuthResult.Reason.LOGON_FAILURE, last);
            }
        }
    }

    @Test
    void clientWithoutNtlmsspIsUnsupported() {
        TestNtlmClient client = new TestNtlmClient();
        assertFailure(AuthResult.Reason.UNSUPPORTED,
                acceptor().accept(client.negTokenInit(List.of(TestNtlmClient.KERBEROS_OID), new byte[] {1})));
    }

    @Test
    void finishedExchangeAcceptsNothingMore() {
        SpnegoAcceptor acceptor = acceptor();
        TestNtlmClient client = new TestNtlmClient();
        AuthResult.Continue c = (AuthResult.Continue) acceptor.accept(client.negotiate());
        assertInstanceOf(AuthResult.Success.class, acceptor.accept(client.authenticate(c.responseToken())));
        assertFailure(AuthResult.Reason.MALFORMED, acceptor.accept(client.negotiate()));
    }

    @Test
    void negotiateHintIsANegTokenInit2OfferingNtlmssp() throws Exception {
        byte[] hint = SpnegoAcceptor.negotiateHint();
        NegTokenInit init = NegTokenInit.decode(hint);
        assertEquals(1, init.mechTypes().size());
        assertArrayEquals(SpnegoOids.NTLMSSP, init.mechTypes().get(0));
        assertNull(init.mechToken());
        // Golden bytes, built by hand from [MS-SPNG] 2.2.1 and RFC 2743 3.1 (all short-form lengths).
        assertEquals("604806062b0601050502a03e303ca00e300c060a2b06010401823702020aa32a3028a0261b24"
                + HexFormat.of().formatHex("not_defined_in_RFC4178@please_ignore".getBytes(
                        StandardCharsets.US_ASCII)),
                HexFormat.of().formatHex(hint));
    }

    @Test
    void everyTruncationOfEveryTokenIsMalformed() {
        TestNtlmClient client = new TestNtlmClient();
        byte[] init = client.negTokenInit(NTLM_ONLY, client.negotiate());
        byte[] rawNegotiate = client.negotiate();
        for (int len = 0; len < init.length; len++) {
            assertFailure(AuthResult.Reason.MALFORMED, acceptor().accept(Arrays.copyOf(init, len)));
        }
        for (int len = 0; len < rawNegotiate.length; len++) {
            assertFailure(AuthResult.Reason.MALFORMED, acceptor().accept(Arrays.copyOf(rawNegotiate, len)));
        }
        for (boolean wrapped : new boolean[] {true, false}) {
            SpnegoAcceptor probe = acceptor();
            byte[] challenge = secondLegChallenge(probe, client, wrapped);
            byte[] auth = client.authenticate(challenge);
            byte[] token = wrapped ? client.negTokenResp(auth, true) : auth;
            for (int len = 0; len < token.length; len++) {
                SpnegoAcceptor a = acceptor();
                secondLegChallenge(a, client, wrapped);
                assertFailure(AuthResult.Reason.MALFORMED, a.accept(Arrays.copyOf(token, len)), "length " + len);
            }
        }
    }

    @Test
    void garbageNeverThrows() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        TestNtlmClient client = new TestNtlmClient();
        byte[] init = client.negTokenInit(NTLM_ONLY, client.negotiate());
        for (int i = 0; i < 2000; i++) {
            String where = "seed " + seed + " case " + i;
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            assertFailure(AuthResult.Reason.MALFORMED, acceptNoThrow(acceptor(), noise, where), where);
            acceptNoThrow(acceptor(), mutate(init, random), where);
        }
    }

    @Test
    void mutatedAuthenticateNeverThrowsNorSucceeds() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        TestNtlmClient client = new TestNtlmClient();
        for (int i = 0; i < 300; i++) {
            String where = "seed " + seed + " case " + i;
            SpnegoAcceptor a = acceptor();
            byte[] auth = client.authenticate(secondLegChallenge(a, client, false));
            byte[] bad = mutate(auth, random);
            AuthResult r = acceptNoThrow(a, bad, where);
            if (!Arrays.equals(bad, auth)) {
                assertInstanceOf(AuthResult.Failure.class, r, where);
            }
        }
    }

    private static byte[] mutate(byte[] token, Random random) {
        byte[] t = token.clone();
        for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
            t[random.nextInt(t.length)] = (byte) random.nextInt(256);
        }
        return t;
    }

    private static AuthResult acceptNoThrow(SpnegoAcceptor a, byte[] token, String where) {
        try {
            AuthResult r = a.accept(token);
            assertNotNull(r, where);
            return r;
        } catch (RuntimeException e) {
            throw new AssertionError(where + " threw", e);
        }
    }

    private static byte[] secondLegChallenge(SpnegoAcceptor a, TestNtlmClient client, boolean wrapped) {
        if (!wrapped) {
            return ((AuthResult.Continue) a.accept(client.negotiate())).responseToken();
        }
        AuthResult.Continue c = (AuthResult.Continue) a.accept(client.negTokenInit(NTLM_ONLY, client.negotiate()));
        return decodeResp(c.responseToken()).responseToken();
    }

    private static NegTokenResp decodeResp(byte[] token) {
        try {
            return NegTokenResp.decode(token);
        } catch (MalformedTokenException e) {
            throw new AssertionError(e);
        }
    }

    private static void assertFailure(AuthResult.Reason reason, AuthResult result) {
        assertFailure(reason, result, "");
    }

    private static void assertFailure(AuthResult.Reason reason, AuthResult result, String message) {
        AuthResult.Failure f = assertInstanceOf(AuthResult.Failure.class, result, message);
        assertEquals(reason, f.reason(), message + " " + f.detail());
    }
}
