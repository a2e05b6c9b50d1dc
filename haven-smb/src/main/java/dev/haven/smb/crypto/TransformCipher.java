package dev.haven.smb.crypto;

import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;

/**
 * [MS-SMB2] 2.2.41 TRANSFORM_HEADER and 3.1.4.3 encryption of whole messages. Share one instance
 * per session (it owns the nonce counter of the server's encryption key); thread-safe.
 */
public interface TransformCipher {
    /** The TRANSFORM_HEADER length in bytes. */
    int HEADER_LENGTH = 52;

    /** A cipher encrypting with encryptionKey (server to client) and decrypting with decryptionKey. */
    static TransformCipher of(EncryptionCipher cipher, byte[] encryptionKey, byte[] decryptionKey,
            SecureRandom random) {
        return new AeadTransformCipher(cipher, encryptionKey, decryptionKey, random);
    }

    /** Returns TRANSFORM_HEADER + ciphertext. */
    byte[] encrypt(byte[] plainMessage, long sessionId);

    /**
     * Returns the plaintext after checking the header fields and the tag. Every refusal (wrong
     * ProtocolId, Flags, OriginalMessageSize, truncated input, bad tag) is an AEADBadTagException:
     * the caller's answer is the same for all of them ([MS-SMB2] 3.3.5.2.1.1: disconnect).
     */
    byte[] decrypt(byte[] transformMessage) throws AEADBadTagException;

    /** Like {@link #decrypt(byte[])}, but also refuses a header whose SessionId is not expectedSessionId. */
    default byte[] decrypt(byte[] transformMessage, long expectedSessionId) throws AEADBadTagException {
        if (transformMessage == null || transformMessage.length < HEADER_LENGTH
                || TransformHeader.sessionId(transformMessage) != expectedSessionId) {
            throw new AEADBadTagException("TRANSFORM_HEADER SessionId is not this session's");
        }
        return decrypt(transformMessage);
    }

    /** The SessionId of a TRANSFORM_HEADER (so the caller can find the session), or -1 when too short. */
    static long sessionIdOf(byte[] transformMessage) {
        return transformMessage == null || transformMessage.length < HEADER_LENGTH
                ? -1 : TransformHeader.sessionId(transformMessage);
    }
}
