package dev.haven.smb.crypto;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * [MS-SMB2] 3.1.4.1, 3.1.1 with SigningAlgorithmId AES-GMAC: AES-128-GCM ([RFC4543] GMAC) with
 * the whole message as additional data and no plaintext; the 16-byte tag is the signature.
 *
 * <p>Short messages go to the JDK's GCM as additional data. The JDK buffers additional data whole
 * (a copy of every 8 MiB READ or WRITE, twice over for direct memory) and hashes it apart from
 * its AES-GCM intrinsic, so messages of {@link #STREAM_THRESHOLD} bytes or more take an equal
 * route through GCM <em>encryption</em>, which streams (NIST SP 800-38D, 7.1): encrypting
 * P = GCTR(inc32(J0), M) gives the ciphertext C = M, so its tag is E(J0) xor GHASH(M' || [0]64
 * || [8|M|]64), where GMAC's is E(J0) xor GHASH(M' || [8|M|]64 || [0]64) (M' is M zero-padded to
 * whole blocks in both). GHASH is linear and the two inputs differ only in their last block, so
 * the tags differ by (L1 xor L2) * H, with H = E(0^128) (6.3, 6.4). P is made by AES-CTR from
 * the same counter, both ciphers run chunk by chunk through small buffers, and nothing is
 * copied whole.
 */
final class AesGmacSigner extends SignerBase {
    /** Messages this long or longer take the streaming route. */
    static final int STREAM_THRESHOLD = 64 * 1024;
    private static final int CHUNK = 32 * 1024;
    private static final int FLAGS_OFFSET = 16;
    private static final int COMMAND_OFFSET = 12;
    private static final int MESSAGE_ID_OFFSET = 24;
    private static final int SMB2_FLAGS_SERVER_TO_REDIR = 0x1;
    private static final int SMB2_CANCEL = 0x000C;
    /** Never a signing nonce: those have bytes 9..11 zero. */
    private static final GCMParameterSpec SPACER = new GCMParameterSpec(128, filled(12, (byte) 0xFF));

    /** One Cipher for the signer's lifetime; init with a new nonce resets it for every message. */
    private final Cipher gcm;
    /** AES-CTR for the streaming route. */
    private final Cipher ctr;
    private final SecretKeySpec key;
    /** The GHASH key H = AES(K, 0^128), as two big-endian halves. */
    private final long hashKeyHigh;
    private final long hashKeyLow;
    /** The nonce of the previous init, to step around the JDK's IV-reuse guard (see {@link #mac}). */
    private byte[] lastNonce;

    AesGmacSigner(byte[] key) {
        this.key = new SecretKeySpec(checkKey(key, 16), "AES");
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
            ctr = Cipher.getInstance("AES/CTR/NoPadding");
            Cipher ecb = Cipher.getInstance("AES/ECB/NoPadding");
            ecb.init(Cipher.ENCRYPT_MODE, this.key);
            ByteBuffer h = ByteBuffer.wrap(ecb.doFinal(new byte[16]));
            hashKeyHigh = h.getLong();
            hashKeyLow = h.getLong();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES, AES/CTR and AES/GCM are required by every JDK", e);
        }
    }

    @Override
    byte[] mac(byte[] head, int offset, int length, ByteBuffer tail) {
        byte[] nonce = nonce(head, offset);
        long total = (long) length + tail.remaining();
        try {
            if (Arrays.equals(nonce, lastNonce)) {
                // The JDK refuses two encryption inits in a row with one key and IV. The same
                // MessageId and direction twice (verifying what we signed, a client's duplicate)
                // needs the same tag as a fresh Cipher would give, so init once with a nonce SMB
                // never uses; nothing is processed under it.
                gcm.init(Cipher.ENCRYPT_MODE, key, SPACER);
            }
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            lastNonce = nonce;
            if (total < STREAM_THRESHOLD) {
                gcm.updateAAD(head, offset, length);
                if (tail.hasRemaining()) {
                    gcm.updateAAD(tail);
                }
                return gcm.doFinal();
            }
            return streamed(nonce, head, offset, length, tail, total);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM with a checked key and a 12-byte nonce cannot fail", e);
        }
    }

    /** The tag by the encryption route (see the class comment); {@code gcm} is initialised. */
    private byte[] streamed(byte[] nonce, byte[] head, int offset, int length, ByteBuffer tail, long total)
            throws GeneralSecurityException {
        byte[] counter = Arrays.copyOf(nonce, 16);
        counter[15] = 2; // inc32(J0), J0 = nonce || 0^31 || 1; 8 MiB never carries out of the low word
        ctr.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(counter));
        byte[] in = tail.hasRemaining() ? new byte[CHUNK] : null;
        byte[] plain = new byte[CHUNK];
        byte[] discard = new byte[CHUNK + 16];
        for (int at = offset; at < offset + length; at += CHUNK) {
            int n = Math.min(CHUNK, offset + length - at);
            ctr.update(head, at, n, plain, 0);
            gcm.update(plain, 0, n, discard, 0);
        }
        while (tail.hasRemaining()) {
            int n = Math.min(CHUNK, tail.remaining());
            tail.get(in, 0, n);
            ctr.update(in, 0, n, plain, 0);
            gcm.update(plain, 0, n, discard, 0);
        }
        byte[] last = gcm.doFinal();
        byte[] tag = Arrays.copyOfRange(last, last.length - 16, last.length);
        // (L1 xor L2) = [8|M|]64 || [8|M|]64; add (L1 xor L2) * H to turn one tag into the other.
        long bits = total * 8;
        long[] fix = multiply(bits, bits, hashKeyHigh, hashKeyLow);
        ByteBuffer t = ByteBuffer.wrap(tag);
        t.putLong(0, t.getLong(0) ^ fix[0]);
        t.putLong(8, t.getLong(8) ^ fix[1]);
        return tag;
    }

    /** NIST SP 800-38D 6.3, Algorithm 1: X * Y in GCM's GF(2^128), bit 0 the most significant. */
    static long[] multiply(long xHigh, long xLow, long yHigh, long yLow) {
        long zHigh = 0;
        long zLow = 0;
        long vHigh = yHigh;
        long vLow = yLow;
        for (int i = 0; i < 128; i++) {
            long bit = i < 64 ? xHigh >>> (63 - i) : xLow >>> (127 - i);
            if ((bit & 1) != 0) {
                zHigh ^= vHigh;
                zLow ^= vLow;
            }
            boolean carry = (vLow & 1) != 0;
            vLow = vLow >>> 1 | vHigh << 63;
            vHigh >>>= 1;
            if (carry) {
                vHigh ^= 0xE100000000000000L; // R = 11100001 || 0^120
            }
        }
        return new long[] {zHigh, zLow};
    }

    /**
     * [MS-SMB2] 3.1.4.1: 8 bytes MessageId, then a 32-bit little-endian word whose least
     * significant bit is 1 when the sender is the server (SMB2_FLAGS_SERVER_TO_REDIR) and whose
     * next bit is 1 for an SMB2 CANCEL request; the rest is zero.
     */
    static byte[] nonce(byte[] message, int offset) {
        byte[] nonce = new byte[12];
        System.arraycopy(message, offset + MESSAGE_ID_OFFSET, nonce, 0, 8);
        boolean server = (message[offset + FLAGS_OFFSET] & SMB2_FLAGS_SERVER_TO_REDIR) != 0;
        int command = (message[offset + COMMAND_OFFSET] & 0xFF) | (message[offset + COMMAND_OFFSET + 1] & 0xFF) << 8;
        int bits = (server ? 1 : 0) | (!server && command == SMB2_CANCEL ? 2 : 0);
        nonce[8] = (byte) bits;
        return nonce;
    }

    private static byte[] filled(int length, byte value) {
        byte[] b = new byte[length];
        Arrays.fill(b, value);
        return b;
    }
}
