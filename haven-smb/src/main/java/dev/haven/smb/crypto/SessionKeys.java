package dev.haven.smb.crypto;

import dev.haven.smb.Dialect;

/** The keys of one SMB session; encryptionKey is server-to-client, decryptionKey client-to-server. */
public record SessionKeys(byte[] signingKey, byte[] encryptionKey, byte[] decryptionKey, byte[] applicationKey) {
    /** [MS-SMB2] 3.3.5.5.3: derives the session's keys for this dialect. */
    public static SessionKeys derive(Dialect dialect, byte[] sessionKey, byte[] preauthHashOrNull,
            EncryptionCipher cipherOrNull) {
        throw new UnsupportedOperationException("not yet");
    }
}
