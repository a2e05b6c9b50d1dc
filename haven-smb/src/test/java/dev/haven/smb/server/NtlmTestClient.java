package dev.haven.smb.server;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;

/**
 * A minimal raw NTLMv2 client ([MS-NLMP] 2.2.1, 3.3.2) for driving SESSION_SETUP in process:
 * no SPNEGO, no key exchange, no MIC, so the session key is the NTLMv2 session base key.
 */
final class NtlmTestClient {
    /** UNICODE | REQUEST_TARGET | SIGN | NTLM | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY | 128. */
    static final int FLAGS = 0x00000001 | 0x00000004 | 0x00000010 | 0x00000200 | 0x00008000 | 0x00080000
            | 0x20000000;

    private final String user;
    private final String domain;
    private final String password;
    private byte[] sessionKey;

    NtlmTestClient(String user, String domain, String password) {
        this.user = user;
        this.domain = domain;
        this.password = password;
    }

    /** 2.2.1.1 NEGOTIATE_MESSAGE without domain or workstation. */
    byte[] negotiate() {
        ByteBuffer b = le(32);
        b.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(1).putInt(FLAGS);
        return b.array();
    }

    /** 2.2.1.3 AUTHENTICATE_MESSAGE answering a 2.2.1.2 CHALLENGE_MESSAGE. */
    byte[] authenticate(byte[] challenge) throws GeneralSecurityException {
        ByteBuffer c = ByteBuffer.wrap(challenge).order(ByteOrder.LITTLE_ENDIAN);
        byte[] serverChallenge = Arrays.copyOfRange(challenge, 24, 32);
        int targetInfoLength = c.getShort(40) & 0xFFFF;
        int targetInfoOffset = c.getInt(44);
        byte[] targetInfo = Arrays.copyOfRange(challenge, targetInfoOffset, targetInfoOffset + targetInfoLength);
        byte[] responseKey = hmacMd5(ntHash(), (user.toUpperCase(Locale.ROOT) + domain)
                .getBytes(StandardCharsets.UTF_16LE));
        ByteBuffer blob = le(28 + targetInfo.length + 4);
        blob.put((byte) 1).put((byte) 1).putShort((short) 0).putInt(0).putLong(0x01DC000000000000L)
                .put(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}).putInt(0).put(targetInfo).putInt(0);
        byte[] proof = hmacMd5(responseKey, concat(serverChallenge, blob.array()));
        sessionKey = hmacMd5(responseKey, proof);
        byte[] nt = concat(proof, blob.array());
        byte[] dom = domain.getBytes(StandardCharsets.UTF_16LE);
        byte[] usr = user.getBytes(StandardCharsets.UTF_16LE);
        int payload = 88;
        ByteBuffer m = le(payload + nt.length + dom.length + usr.length);
        m.put("NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)).putInt(3);
        field(m, 0, payload); // LmChallengeResponse: none
        field(m, nt.length, payload);
        field(m, dom.length, payload + nt.length);
        field(m, usr.length, payload + nt.length + dom.length);
        field(m, 0, payload); // Workstation
        field(m, 0, payload); // EncryptedRandomSessionKey: no key exchange
        m.putInt(FLAGS).put(new byte[8 + 16]).put(nt).put(dom).put(usr);
        return m.array();
    }

    /** The exported session key once {@link #authenticate} ran. */
    byte[] sessionKey() {
        return sessionKey.clone();
    }

    private byte[] ntHash() {
        byte[] utf16 = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(utf16, 0, utf16.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        return out;
    }

    private static void field(ByteBuffer m, int length, int offset) {
        m.putShort((short) length).putShort((short) length).putInt(offset);
    }

    private static byte[] hmacMd5(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacMD5");
        mac.init(new SecretKeySpec(key, "HmacMD5"));
        return mac.doFinal(data);
    }

    private static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static boolean same(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }
}
