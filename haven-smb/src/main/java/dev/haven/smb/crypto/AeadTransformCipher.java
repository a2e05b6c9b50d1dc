package dev.haven.smb.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.AEADBadTagException;
import org.bouncycastle.crypto.InvalidCipherTextException;

/**
 * [MS-SMB2] 3.1.4.3: AES-CCM (BouncyCastle; the JDK has none) or AES-GCM (JDK) over the whole
 * message, with the TRANSFORM_HEADER from Nonce onwards as additional data and a 16-byte tag.
 * The two {@link AeadEngine}s (seal with encryptionKey, open with decryptionKey) live as long as
 * the instance, one session.
 */
final class AeadTransformCipher implements TransformCipher {
    private static final int TAG_LENGTH = AeadEngine.TAG_BITS / 8;

    private final EncryptionCipher cipher;
    private final AeadEngine sealer;
    private final AeadEngine opener;
    /** Nonce = 4 random bytes fixed for this instance, then a counter starting at a random value. */
    private final byte[] noncePrefix = new byte[4];
    private final AtomicLong counter;

    AeadTransformCipher(EncryptionCipher cipher, byte[] encryptionKey, byte[] decryptionKey, SecureRandom random) {
        this.cipher = cipher;
        this.sealer = AeadEngine.of(cipher, true, checkKey(cipher, encryptionKey));
        this.opener = AeadEngine.of(cipher, false, checkKey(cipher, decryptionKey));
        // 2.2.41: a nonce must never repeat under one key within a session. A per-instance random
        // prefix plus a counter (56 bits usable for CCM, 64 for GCM) guarantees that for one
        // instance and makes a clash between two instances of one session improbable.
        random.nextBytes(noncePrefix);
        this.counter = new AtomicLong(random.nextLong() >>> 16);
    }

    @Override
    public byte[] encrypt(byte[] plainMessage, long sessionId) {
        byte[] out = new byte[HEADER_LENGTH + plainMessage.length];
        byte[] nonce = nextNonce();
        TransformHeader.write(out, nonce, plainMessage.length, sessionId);
        byte[] sealed = seal(nonce, Arrays.copyOfRange(out, TransformHeader.NONCE_OFFSET, HEADER_LENGTH), plainMessage);
        System.arraycopy(sealed, 0, out, HEADER_LENGTH, plainMessage.length);
        System.arraycopy(sealed, plainMessage.length, out, TransformHeader.SIGNATURE_OFFSET, TAG_LENGTH);
        return out;
    }

    @Override
    public byte[] decrypt(byte[] message) throws AEADBadTagException {
        String problem = message == null ? "no message" : TransformHeader.check(message);
        if (problem != null) {
            throw new AEADBadTagException(problem);
        }
        byte[] nonce = Arrays.copyOfRange(message, TransformHeader.NONCE_OFFSET,
                TransformHeader.NONCE_OFFSET + cipher.nonceLength());
        byte[] aad = Arrays.copyOfRange(message, TransformHeader.NONCE_OFFSET, HEADER_LENGTH);
        int size = message.length - HEADER_LENGTH;
        byte[] sealed = new byte[size + TAG_LENGTH];
        System.arraycopy(message, HEADER_LENGTH, sealed, 0, size);
        System.arraycopy(message, TransformHeader.SIGNATURE_OFFSET, sealed, size, TAG_LENGTH);
        return open(nonce, aad, sealed);
    }

    private byte[] nextNonce() {
        byte[] nonce = new byte[cipher.nonceLength()];
        System.arraycopy(noncePrefix, 0, nonce, 0, 4);
        long n = counter.getAndIncrement();
        for (int i = 4; i < nonce.length; i++) {
            nonce[i] = (byte) (n >>> (8 * (i - 4)));
        }
        return nonce;
    }

    private byte[] seal(byte[] nonce, byte[] aad, byte[] plain) {
        try {
            return sealer.process(nonce, aad, plain);
        } catch (GeneralSecurityException | InvalidCipherTextException e) {
            throw new IllegalStateException("encryption cannot fail with a checked key", e);
        }
    }

    private byte[] open(byte[] nonce, byte[] aad, byte[] sealed) throws AEADBadTagException {
        try {
            return opener.process(nonce, aad, sealed);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (InvalidCipherTextException e) {
            throw new AEADBadTagException("CCM tag mismatch");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption setup cannot fail with a checked key", e);
        }
    }

    private static byte[] checkKey(EncryptionCipher cipher, byte[] key) {
        if (key == null || key.length * 8 != cipher.keyBits()) {
            throw new IllegalArgumentException(cipher + " needs a " + cipher.keyBits() + "-bit key");
        }
        return key.clone();
    }
}
