package dev.haven.smb.auth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The client side of NTLMv2 ([MS-NLMP] 3.1.5) and of SPNEGO (RFC 4178), written for tests only:
 * it drives {@link SpnegoAcceptor} and can be told to misbehave.
 */
final class TestNtlmClient {
    static final int DEFAULT_FLAGS = NegotiateFlags.UNICODE | NegotiateFlags.REQUEST_TARGET | NegotiateFlags.SIGN
            | NegotiateFlags.SEAL | NegotiateFlags.NTLM | NegotiateFlags.ALWAYS_SIGN
            | NegotiateFlags.EXTENDED_SESSIONSECURITY | NegotiateFlags.VERSION | NegotiateFlags.NEGOTIATE_128
            | NegotiateFlags.KEY_EXCH | NegotiateFlags.NEGOTIATE_56;
    static final byte[] KERBEROS_OID = {0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x12, 0x01, 0x02, 0x02};

    String user = "alice";
    String domain = "WORKGROUP";
    String password = "Secret-1";
    int flags = DEFAULT_FLAGS;
    boolean sendMic = true;
    boolean corruptMic;
    boolean corruptMechListMic;
    boolean ntlmV1;
    boolean anonymous;
    /** The LmChallengeResponse; by default Z(24) for a user and Z(1) when anonymous ([MS-NLMP] 3.3.2). */
    byte[] lmResponse;
    byte[] clientChallenge = {1, 2, 3, 4, 5, 6, 7, 8};
    long time = 0x01d0_0000_0000_0000L;
    byte[] randomSessionKey = filled(16, 0x42);
    /** When set, replaces the server's target info in the blob ([MS-NLMP] 4.2.4 uses its own). */
    byte[] blobTargetInfo;

    byte[] negotiateMessage;
    byte[] challengeMessage;
    byte[] exportedSessionKey;
    int negotiatedFlags;
    byte[] mechTypesEncoding;

    /** [MS-NLMP] 2.2.1.1 with an empty domain and workstation and a VERSION. */
    byte[] negotiate() {
        ByteBuffer b = le(40);
        b.put(NtlmSignature.BYTES).putInt(1).putInt(flags);
        b.putShort((short) 0).putShort((short) 0).putInt(40);
        b.putShort((short) 0).putShort((short) 0).putInt(40);
        b.put(new byte[] {10, 0, 0x61, 0x4a, 0, 0, 0, 15});
        negotiateMessage = b.array();
        return negotiateMessage.clone();
    }

    /** [MS-NLMP] 3.1.5.1.2: computes the NTLMv2 response for this CHALLENGE_MESSAGE. */
    byte[] authenticate(byte[] challenge) {
        challengeMessage = challenge.clone();
        ByteBuffer c = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
        negotiatedFlags = c.getInt(20);
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
        int tiLen = c.getShort(40) & 0xFFFF;
        int tiOff = c.getInt(44);
        byte[] targetInfo = blobTargetInfo != null ? blobTargetInfo : Arrays.copyOfRange(challenge, tiOff, tiOff + tiLen);
        byte[] pairs = sendMic ? withMicFlag(targetInfo) : targetInfo;
        byte[] temp = concat(new byte[] {1, 1, 0, 0, 0, 0, 0, 0}, le(8).putLong(time).array(), clientChallenge,
                new byte[4], pairs, new byte[4]);
        byte[] responseKey = NtlmKeys.hmacMd5(NtlmKeys.ntHash(password),
                (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
        byte[] proof = NtlmKeys.hmacMd5(responseKey, serverChallenge, temp);
        byte[] sessionBaseKey = NtlmKeys.hmacMd5(responseKey, proof);
        byte[] nt = ntlmV1 ? filled(24, 7) : anonymous ? new byte[0] : concat(proof, temp);
        byte[] encryptedKey = new byte[0];
        exportedSessionKey = sessionBaseKey;
        if (NegotiateFlags.has(negotiatedFlags, NegotiateFlags.KEY_EXCH)) {
            exportedSessionKey = randomSessionKey.clone();
            encryptedKey = NtlmKeys.rc4(sessionBaseKey, randomSessionKey);
        }
        String u = anonymous ? "" : user;
        byte[] lm = lmResponse != null ? lmResponse : new byte[anonymous ? 1 : 24];
        byte[] msg = authenticateMessage(lm, nt, domain, u, "CLIENT", encryptedKey);
        if (sendMic) {
            byte[] mic = NtlmKeys.hmacMd5(exportedSessionKey, negotiateMessage, challengeMessage, msg);
            if (corruptMic) {
                mic[3] ^= 1;
            }
            System.arraycopy(mic, 0, msg, 72, 16);
        }
        return msg;
    }

    /** [MS-NLMP] 2.2.1.3 with Version and a zero MIC; the payload follows the 88-byte header. */
    private byte[] authenticateMessage(byte[] lm, byte[] nt, String dom, String usr, String ws, byte[] key) {
        byte[][] payload = {utf16(dom), utf16(usr), utf16(ws), lm, nt, key};
        int[] fieldAt = {28, 36, 44, 12, 20, 52};
        int total = 88;
        for (byte[] p : payload) {
            total += p.length;
        }
        ByteBuffer b = le(total);
        b.put(NtlmSignature.BYTES).putInt(3);
        int offset = 88;
        for (int i = 0; i < payload.length; i++) {
            b.putShort(fieldAt[i], (short) payload[i].length).putShort(fieldAt[i] + 2, (short) payload[i].length)
                    .putInt(fieldAt[i] + 4, offset);
            b.put(offset, payload[i]);
            offset += payload[i].length;
        }
        b.putInt(60, negotiatedFlags);
        b.put(64, new byte[] {10, 0, 0x61, 0x4a, 0, 0, 0, 15});
        return b.array();
    }

    /** RFC 2743 3.1 InitialContextToken around a NegTokenInit with these mechanisms and token. */
    byte[] negTokenInit(List<byte[]> mechs, byte[] mechToken) {
        byte[][] oids = mechs.stream().map(m -> DerWriter.tlv(DerReader.OID, m)).toArray(byte[][]::new);
        mechTypesEncoding = DerWriter.tlv(DerReader.SEQUENCE, oids);
        byte[] fields = DerWriter.tlv(DerWriter.context(0), mechTypesEncoding);
        if (mechToken != null) {
            fields = concat(fields, DerWriter.tlv(DerWriter.context(2), DerWriter.tlv(DerReader.OCTET_STRING, mechToken)));
        }
        byte[] init = DerWriter.tlv(DerWriter.context(0), DerWriter.tlv(DerReader.SEQUENCE, fields));
        return DerWriter.tlv(DerReader.APPLICATION_0, DerWriter.tlv(DerReader.OID, SpnegoOids.SPNEGO), init);
    }

    /** A NegTokenResp carrying this token and, when key material exists, the client's mechListMIC. */
    byte[] negTokenResp(byte[] responseToken, boolean withMechListMic) {
        byte[] mic = null;
        if (withMechListMic) {
            mic = NtlmKeys.mac(exportedSessionKey, negotiatedFlags, true, mechTypesEncoding);
            if (corruptMechListMic) {
                mic[5] ^= 1;
            }
        }
        return new NegTokenResp(-1, null, responseToken, mic).encode();
    }

    /** The server's mechListMIC as this client expects it (server-to-client keys, 3.4.4.2). */
    byte[] expectedServerMechListMic() {
        return NtlmKeys.mac(exportedSessionKey, negotiatedFlags, false, mechTypesEncoding);
    }

    static byte[] withMicFlag(byte[] targetInfo) {
        byte[] withoutEol = Arrays.copyOf(targetInfo, targetInfo.length - 4);
        return concat(withoutEol, new byte[] {6, 0, 4, 0, 2, 0, 0, 0}, new byte[4]);
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    static byte[] filled(int n, int value) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) value);
        return b;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }
}
