package dev.haven.smb.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * [MS-NLMP] 4.2.4 "NTLMv2 Authentication" example: User "User", UserDom "Domain", Passwd
 * "Password", ServerChallenge 0123456789abcdef, ClientChallenge aa*8, Time 0, RandomSessionKey
 * 55*16, and a target info of MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server".
 */
class NtlmKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] SERVER_CHALLENGE = HEX.parseHex("0123456789abcdef");
    private static final byte[] CLIENT_CHALLENGE = HEX.parseHex("aaaaaaaaaaaaaaaa");
    private static final byte[] RANDOM_SESSION_KEY = TestNtlmClient.filled(16, 0x55);
    /** 4.2.4's AV pairs: MsvAvNbDomainName "Domain", MsvAvNbComputerName "Server", MsvAvEOL. */
    private static final byte[] EXAMPLE_TARGET_INFO = HEX.parseHex(
            "02000c0044006f006d00610069006e00" + "01000c00530065007200760065007200" + "00000000");

    @Test
    void ntHashMatchesSection4_2_2_1_2() {
        assertEquals("a4f49c406510bdcab6824ee7c30fd852", HEX.formatHex(NtlmKeys.ntHash("Password")));
        assertArrayEquals(NtlmKeys.ntHash("Password"), UserDirectory.hashPassword("Password"));
    }

    @Test
    void computesTheExampleValues() {
        byte[] ntowf = NtlmKeys.ntowfV2(NtlmKeys.ntHash("Password"), "User", "Domain");
        assertEquals("0c868a403bfd7a93a3001ef22ef02e3f", HEX.formatHex(ntowf));
        byte[] temp = TestNtlmClient.concat(HEX.parseHex("0101000000000000"), new byte[8], CLIENT_CHALLENGE,
                new byte[4], EXAMPLE_TARGET_INFO, new byte[4]);
        byte[] proof = NtlmKeys.hmacMd5(ntowf, SERVER_CHALLENGE, temp);
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", HEX.formatHex(proof));
        byte[] sessionBaseKey = NtlmKeys.hmacMd5(ntowf, proof);
        assertEquals("8de40ccadbc14a82f15cb0ad0de95ca3", HEX.formatHex(sessionBaseKey));
        assertEquals("c5dad2544fc9799094ce1ce90bc9d03e", HEX.formatHex(NtlmKeys.rc4(sessionBaseKey, RANDOM_SESSION_KEY)));
    }

    /**
     * 4.2.4.1.3 / 4.2.4.4: client-to-server SignKey and SealKey of ExportedSessionKey 55*16 with
     * 128-bit keys, and GSS_WrapEx of "Plaintext": RC4 encrypts the data, then the same RC4 stream
     * encrypts the first 8 bytes of HMAC_MD5(SignKey, SeqNum 0 || data) (3.4.4.2).
     */
    @Test
    void signingAndSealingMatchSection4_2_4_4() {
        int flags = NegotiateFlags.EXTENDED_SESSIONSECURITY | NegotiateFlags.KEY_EXCH | NegotiateFlags.NEGOTIATE_128;
        byte[] signKey = NtlmKeys.signKey(RANDOM_SESSION_KEY, true);
        byte[] sealKey = NtlmKeys.sealKey(RANDOM_SESSION_KEY, flags, true);
        assertEquals("4788dc861b4782f35d43fd98fe1a2d39", HEX.formatHex(signKey));
        assertEquals("59f600973cc4960a25480a7c196e4c58", HEX.formatHex(sealKey));
        byte[] plaintext = TestNtlmClient.utf16("Plaintext");
        byte[] hmac = Arrays.copyOf(NtlmKeys.hmacMd5(signKey, new byte[4], plaintext), 8);
        byte[] stream = NtlmKeys.rc4(sealKey, TestNtlmClient.concat(plaintext, hmac));
        assertEquals("54e50165bf1936dc996020c1811b0f06fb5f", HEX.formatHex(stream, 0, 18));
        assertEquals("7fb38ec5c55d4976", HEX.formatHex(stream, 18, 26));
        // GSS_GetMIC (our mechListMIC) is the same checksum on a fresh RC4 stream.
        byte[] mic = NtlmKeys.mac(RANDOM_SESSION_KEY, flags, true, plaintext);
        assertEquals("01000000" + HEX.formatHex(NtlmKeys.rc4(sealKey, hmac)) + "00000000", HEX.formatHex(mic));
    }

    @Test
    void acceptorAcceptsTheExampleAndExportsTheRandomSessionKey() {
        UserDirectory users = name -> name.equalsIgnoreCase("User")
                ? Optional.of(NtlmKeys.ntHash("Password")) : Optional.empty();
        ServerIdentity id = new ServerIdentity("SERVER", "DOMAIN", "server.domain.test", "domain.test");
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        SpnegoAcceptor acceptor = new SpnegoAcceptor(users, id, clock, new FixedSecureRandom(SERVER_CHALLENGE));
        TestNtlmClient client = new TestNtlmClient();
        client.user = "User";
        client.domain = "Domain";
        client.password = "Password";
        client.clientChallenge = CLIENT_CHALLENGE;
        client.time = 0;
        client.randomSessionKey = RANDOM_SESSION_KEY;
        client.blobTargetInfo = EXAMPLE_TARGET_INFO;
        client.sendMic = false;
        AuthResult.Continue challenge = assertInstanceOf(AuthResult.Continue.class, acceptor.accept(client.negotiate()));
        assertArrayEquals(SERVER_CHALLENGE, Arrays.copyOfRange(challenge.responseToken(), 24, 32));
        byte[] auth = client.authenticate(challenge.responseToken());
        assertEquals("68cd0ab851e51c96aabc927bebef6a1c", HEX.formatHex(auth, 88 + 12 + 8 + 12 + 24, 88 + 12 + 8 + 12 + 40));
        AuthResult.Success ok = assertInstanceOf(AuthResult.Success.class, acceptor.accept(auth));
        assertArrayEquals(RANDOM_SESSION_KEY, ok.sessionKey());
        assertEquals("User", ok.user());
        assertEquals("Domain", ok.domain());
        assertEquals(0, ok.responseToken().length);
    }
}
