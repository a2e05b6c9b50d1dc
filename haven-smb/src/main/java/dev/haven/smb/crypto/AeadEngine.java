package dev.haven.smb.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CCMBlockCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One key and one direction (seal or open) of an {@link AeadTransformCipher}: the cipher object
 * and key are made once and re-initialised with each message's nonce, which also clears whatever
 * the previous message left. Runs under its own lock, for the reason given on {@link SignerBase}.
 */
abstract sealed class AeadEngine {
    static final int TAG_BITS = 128;

    private final ReentrantLock lock = new ReentrantLock();

    /** The engine for this cipher, sealing (encrypting) or opening (decrypting) with key. */
    static AeadEngine of(EncryptionCipher cipher, boolean seal, byte[] key) {
        return cipher.isGcm() ? new Gcm(seal, key) : new Ccm(seal, key);
    }

    /** Sealing: ciphertext followed by the tag. Opening: plaintext, or a failure when the tag is wrong. */
    final byte[] process(byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException, InvalidCipherTextException {
        lock.lock();
        try {
            return run(nonce, aad, input);
        } finally {
            lock.unlock();
        }
    }

    abstract byte[] run(byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException, InvalidCipherTextException;

    /** AES-GCM from the JDK (AES-NI and carry-less multiply intrinsics). */
    private static final class Gcm extends AeadEngine {
        private final int mode;
        private final SecretKeySpec key;
        private final Cipher gcm;

        Gcm(boolean seal, byte[] key) {
            this.mode = seal ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
            this.key = new SecretKeySpec(key, "AES");
            try {
                gcm = Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("AES/GCM is required by every JDK", e);
            }
        }

        @Override
        byte[] run(byte[] nonce, byte[] aad, byte[] input) throws GeneralSecurityException {
            // Sealing nonces come from AeadTransformCipher's counter and never repeat, so the
            // JDK's guard against re-initialising encryption with the last IV never fires.
            gcm.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad);
            return gcm.doFinal(input);
        }
    }

    /** AES-CCM from BouncyCastle (the JDK has none). */
    private static final class Ccm extends AeadEngine {
        private final boolean seal;
        private final KeyParameter key;
        private final CCMBlockCipher ccm = (CCMBlockCipher) CCMBlockCipher.newInstance(AESEngine.newInstance());

        Ccm(boolean seal, byte[] key) {
            this.seal = seal;
            this.key = new KeyParameter(key);
        }

        @Override
        byte[] run(byte[] nonce, byte[] aad, byte[] input) throws InvalidCipherTextException {
            ccm.init(seal, new AEADParameters(key, TAG_BITS, nonce, aad)); // init also resets
            byte[] out = new byte[ccm.getOutputSize(input.length)];
            int n = ccm.processBytes(input, 0, input.length, out, 0);
            n += ccm.doFinal(out, n);
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
    }
}
