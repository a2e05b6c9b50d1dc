package dev.haven.smb.crypto;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * [MS-SMB2] 3.2.5.2 / 3.3.5.4: the SHA-512 preauthentication integrity hash chain,
 * {@code H' = SHA-512(H || message)}, starting from 64 zero bytes. The connection keeps one
 * after NEGOTIATE; each session in setup continues from a {@link #copy()} of it.
 * Not thread-safe: one connection (or session setup) owns one chain.
 */
public final class PreauthIntegrity {
    private static final int HASH_LENGTH = 64;

    private final byte[] value;

    /** Starts at 64 zero bytes. */
    public PreauthIntegrity() {
        this(new byte[HASH_LENGTH]);
    }

    private PreauthIntegrity(byte[] value) {
        this.value = value;
    }

    /** An independent copy of this chain. */
    public PreauthIntegrity copy() {
        return new PreauthIntegrity(value.clone());
    }

    /** value = SHA-512(value || message[offset, offset + length)). */
    public void update(byte[] message, int offset, int length) {
        MessageDigest sha512 = sha512();
        sha512.update(value);
        sha512.update(message, offset, length);
        System.arraycopy(sha512.digest(), 0, value, 0, HASH_LENGTH);
    }

    /** The current 64-byte hash value (a copy). */
    public byte[] value() {
        return value.clone();
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is required by every JDK", e);
        }
    }
}
