package dev.haven.smb.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * NIST SP 800-108 KDF in counter mode with HMAC-SHA256 as the PRF, as [MS-SMB2] 3.1.4.2 uses it:
 * r = 32, one iteration per 256 bits of output, fixed input data
 * {@code [i]_32 || Label || 0x00 || Context || [L]_32}, all integers big-endian.
 */
final class Kdf {
    private Kdf() {
    }

    /** Derives {@code bits} bits (a multiple of 8) of key from ki. */
    static byte[] derive(byte[] ki, byte[] label, byte[] context, int bits) {
        try {
            Mac prf = Mac.getInstance("HmacSHA256");
            prf.init(new SecretKeySpec(ki, "HmacSHA256"));
            byte[] out = new byte[bits / 8];
            int done = 0;
            for (int i = 1; done < out.length; i++) {
                prf.update(int32(i));
                prf.update(label);
                prf.update((byte) 0);
                prf.update(context);
                prf.update(int32(bits));
                byte[] block = prf.doFinal();
                int n = Math.min(block.length, out.length - done);
                System.arraycopy(block, 0, out, done, n);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every JDK", e);
        }
    }

    /**
     * [MS-SMB2] 3.1.4.2 writes labels and contexts as C strings: the terminating NUL is part of
     * the value (e.g. "SMB2AESCMAC" is 12 bytes on the wire of the KDF).
     */
    static byte[] cString(String s) {
        byte[] ascii = s.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[ascii.length + 1];
        System.arraycopy(ascii, 0, out, 0, ascii.length);
        return out;
    }

    private static byte[] int32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }
}
