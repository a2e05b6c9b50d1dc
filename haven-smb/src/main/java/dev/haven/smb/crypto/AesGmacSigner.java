package dev.haven.smb.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * [MS-SMB2] 3.1.4.1, 3.1.1 with SigningAlgorithmId AES-GMAC: AES-128-GCM ([RFC4543] GMAC) with
 * the whole message as additional data and no plaintext; the 16-byte tag is the signature.
 */
final class AesGmacSigner extends SignerBase {
    private static final int FLAGS_OFFSET = 16;
    private static final int COMMAND_OFFSET = 12;
    private static final int MESSAGE_ID_OFFSET = 24;
    private static final int SMB2_FLAGS_SERVER_TO_REDIR = 0x1;
    private static final int SMB2_CANCEL = 0x000C;
    /** Never a signing nonce: those have bytes 9..11 zero. */
    private static final GCMParameterSpec SPACER = new GCMParameterSpec(128, filled(12, (byte) 0xFF));

    /** One Cipher for the signer's lifetime; init with a new nonce resets it for every message. */
    private final Cipher gcm;
    private final SecretKeySpec key;
    /** The nonce of the previous init, to step around the JDK's IV-reuse guard (see {@link #mac}). */
    private byte[] lastNonce;

    AesGmacSigner(byte[] key) {
        this.key = new SecretKeySpec(checkKey(key, 16), "AES");
        try {
            gcm = Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is required by every JDK", e);
        }
    }

    @Override
    byte[] mac(byte[] message, int offset, int length) {
        byte[] nonce = nonce(message, offset);
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
            gcm.updateAAD(message, offset, length);
            return gcm.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM with a checked key and a 12-byte nonce cannot fail", e);
        }
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
