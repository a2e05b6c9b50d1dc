package dev.haven.smb.crypto;

import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;

/** [MS-SMB2] 2.2.41 TRANSFORM_HEADER and 3.1.4.3 encryption of whole messages. */
public interface TransformCipher {
    /** A cipher encrypting with encryptionKey (server to client) and decrypting with decryptionKey. */
    static TransformCipher of(EncryptionCipher cipher, byte[] encryptionKey, byte[] decryptionKey,
            SecureRandom random) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Returns TRANSFORM_HEADER + ciphertext. */
    byte[] encrypt(byte[] plainMessage, long sessionId);

    /** Returns the plaintext after checking the header fields and the tag. */
    byte[] decrypt(byte[] transformMessage) throws AEADBadTagException;
}
