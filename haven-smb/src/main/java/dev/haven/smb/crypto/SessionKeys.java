package dev.haven.smb.crypto;

import dev.haven.smb.Dialect;
import java.util.Arrays;
import java.util.Objects;

/**
 * The keys of one SMB session, from the server's point of view: encryptionKey protects
 * server-to-client messages, decryptionKey client-to-server ones. For 2.x dialects the two cipher
 * keys are null (no encryption before SMB 3).
 */
public record SessionKeys(byte[] signingKey, byte[] encryptionKey, byte[] decryptionKey, byte[] applicationKey) {

    /**
     * [MS-SMB2] 3.3.5.5.3 (server) / 3.2.5.3.1 (client): derives the session's keys for this dialect.
     *
     * @param sessionKey the GSS session key (NTLM's 16-byte ExportedSessionKey); Session.SessionKey
     *     is its first 16 bytes, zero-padded ([MS-SMB2] 3.3.1.8), except as the KDF key of
     *     AES-256 cipher keys, which use all of it
     * @param preauthHashOrNull Session.PreauthIntegrityHashValue, required for 3.1.1, ignored before
     * @param cipherOrNull the negotiated cipher; AES-256 ciphers get 256-bit cipher keys (3.1.1 only)
     */
    public static SessionKeys derive(Dialect dialect, byte[] sessionKey, byte[] preauthHashOrNull,
            EncryptionCipher cipherOrNull) {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(sessionKey, "sessionKey");
        byte[] key = Arrays.copyOf(sessionKey, 16);
        if (!dialect.isSmb3()) {
            // [MS-SMB2] 3.3.5.5.3: 2.0.2 and 2.1 sign with Session.SessionKey itself, and
            // Session.ApplicationKey is the session key too; there is no encryption.
            return new SessionKeys(key, null, null, key.clone());
        }
        if (dialect == Dialect.SMB_3_1_1) {
            Objects.requireNonNull(preauthHashOrNull, "3.1.1 needs the preauth integrity hash");
            byte[] ctx = preauthHashOrNull.clone();
            boolean aes256 = cipherOrNull != null && cipherOrNull.keyBits() == 256;
            // 3.1.4.2: L = 256 for the AES-256 ciphers, whose keys 3.3.5.5.3 derives from
            // Session.FullSessionKey (the whole GSS key; NTLM's is 16 bytes anyway). Signing and
            // application keys stay 128-bit keys of the 16-byte Session.SessionKey.
            byte[] cipherKi = aes256 ? sessionKey.clone() : key;
            int cipherBits = aes256 ? 256 : 128;
            return new SessionKeys(
                    Kdf.derive(key, Kdf.cString("SMBSigningKey"), ctx, 128),
                    // The server encrypts with the S2C key and decrypts with the C2S key.
                    Kdf.derive(cipherKi, Kdf.cString("SMBS2CCipherKey"), ctx, cipherBits),
                    Kdf.derive(cipherKi, Kdf.cString("SMBC2SCipherKey"), ctx, cipherBits),
                    Kdf.derive(key, Kdf.cString("SMBAppKey"), ctx, 128));
        }
        // 3.0 and 3.0.2 know only AES-128-CCM, so the cipher keys are always 128 bits.
        return new SessionKeys(
                Kdf.derive(key, Kdf.cString("SMB2AESCMAC"), Kdf.cString("SmbSign"), 128),
                Kdf.derive(key, Kdf.cString("SMB2AESCCM"), Kdf.cString("ServerOut"), 128),
                Kdf.derive(key, Kdf.cString("SMB2AESCCM"), Kdf.cString("ServerIn "), 128),
                Kdf.derive(key, Kdf.cString("SMB2APP"), Kdf.cString("SmbRpc"), 128));
    }

    /** Records compare arrays by identity; keys compare by content. */
    @Override
    public boolean equals(Object o) {
        return o instanceof SessionKeys k
                && Arrays.equals(signingKey, k.signingKey)
                && Arrays.equals(encryptionKey, k.encryptionKey)
                && Arrays.equals(decryptionKey, k.decryptionKey)
                && Arrays.equals(applicationKey, k.applicationKey);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(signingKey) * 31 + Arrays.hashCode(applicationKey);
    }

    /** Never prints key material. */
    @Override
    public String toString() {
        return "SessionKeys[redacted]";
    }
}
