package dev.haven.smb.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.digests.MD4Digest;
import org.bouncycastle.crypto.engines.RC4Engine;
import org.bouncycastle.crypto.params.KeyParameter;

/** The NTLM one-way functions and key computations of [MS-NLMP] 3.3.2, 3.4.5 and 6. */
final class NtlmKeys {
    private NtlmKeys() {
    }

    /** NTOWFv1: MD4 of the UTF-16LE password, the "NT hash" a UserDirectory stores (3.3.1). */
    static byte[] ntHash(String password) {
        byte[] in = password.getBytes(StandardCharsets.UTF_16LE);
        MD4Digest md4 = new MD4Digest();
        md4.update(in, 0, in.length);
        byte[] out = new byte[16];
        md4.doFinal(out, 0);
        return out;
    }

    /**
     * 3.3.2 NTOWFv2 = HMAC_MD5(NT hash, UNICODE(Uppercase(User) || UserDom)); the domain is used
     * exactly as the client sent it, since the client computed its response key with it.
     */
    static byte[] ntowfV2(byte[] ntHash, String user, String domain) {
        return hmacMd5(ntHash, (user.toUpperCase(Locale.ROOT) + domain).getBytes(StandardCharsets.UTF_16LE));
    }

    static byte[] hmacMd5(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacMD5");
            mac.init(new SecretKeySpec(key, "HmacMD5"));
            for (byte[] p : parts) {
                mac.update(p);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacMD5 is required by every JDK", e);
        }
    }

    static byte[] md5(byte[]... parts) {
        try {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            for (byte[] p : parts) {
                md5.update(p);
            }
            return md5.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("MD5 is required by every JDK", e);
        }
    }

    /** 6: RC4K(K, D), a fresh RC4 stream keyed by K applied to D. */
    static byte[] rc4(byte[] key, byte[] data) {
        RC4Engine rc4 = new RC4Engine();
        rc4.init(true, new KeyParameter(key));
        byte[] out = new byte[data.length];
        rc4.processBytes(data, 0, data.length, out, 0);
        return out;
    }

    /**
     * 3.4.5.2 SIGNKEY with extended session security: MD5(ExportedSessionKey || magic), the magic
     * naming the direction.
     */
    static byte[] signKey(byte[] exportedSessionKey, boolean clientToServer) {
        String magic = clientToServer
                ? "session key to client-to-server signing key magic constant\0"
                : "session key to server-to-client signing key magic constant\0";
        return md5(exportedSessionKey, magic.getBytes(StandardCharsets.US_ASCII));
    }

    /** 3.4.5.3 SEALKEY with extended session security: the key weakened per the 128/56 flags, then hashed. */
    static byte[] sealKey(byte[] exportedSessionKey, int flags, boolean clientToServer) {
        int length = NegotiateFlags.has(flags, NegotiateFlags.NEGOTIATE_128) ? 16
                : NegotiateFlags.has(flags, NegotiateFlags.NEGOTIATE_56) ? 7 : 5;
        byte[] base = Arrays.copyOf(exportedSessionKey, length);
        String magic = clientToServer
                ? "session key to client-to-server sealing key magic constant\0"
                : "session key to server-to-client sealing key magic constant\0";
        return md5(base, magic.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * 3.4.4.2 MAC with extended session security, for the first message (SeqNum 0) of a fresh
     * sealing handle, which is how SPNEGO's mechListMIC uses it ([MS-SPNG] 3.2.5.1):
     * Version(1) || RC4(SealKey, HMAC_MD5(SignKey, SeqNum || Message)[0..8]) || SeqNum; the RC4
     * step only when KEY_EXCH was negotiated.
     */
    static byte[] mac(byte[] exportedSessionKey, int flags, boolean clientToServer, byte[] message) {
        byte[] seq = new byte[4];
        byte[] checksum = Arrays.copyOf(
                hmacMd5(signKey(exportedSessionKey, clientToServer), seq, message), 8);
        if (NegotiateFlags.has(flags, NegotiateFlags.KEY_EXCH)) {
            checksum = rc4(sealKey(exportedSessionKey, flags, clientToServer), checksum);
        }
        byte[] out = new byte[16];
        out[0] = 1;
        System.arraycopy(checksum, 0, out, 4, 8);
        System.arraycopy(seq, 0, out, 12, 4);
        return out;
    }
}
