package dev.haven.smb.crypto;

/**
 * Signs and verifies one whole SMB2 message (header + body, with any compound padding), whose
 * Signature field is at header offset 48..63. One instance serves one session: it keeps its keyed
 * MAC engine and is thread-safe (calls take turns on a per-instance lock), but {@link #verify}
 * briefly zeroes the signature field of the buffer it is given.
 */
public interface MessageSigner {
    /** A signer for this algorithm and key ([MS-SMB2] 3.1.4.1). */
    static MessageSigner of(SigningAlgorithm algorithm, byte[] signingKey) {
        return switch (algorithm) {
            case HMAC_SHA256 -> new HmacSha256Signer(signingKey);
            case AES_CMAC -> new AesCmacSigner(signingKey);
            case AES_GMAC -> new AesGmacSigner(signingKey);
        };
    }

    /** Zeroes, then fills the signature field in place; sets nothing else. */
    void sign(byte[] message, int offset, int length);

    /**
     * Signs the message made of {@code head} (the header, with the signature field, and the
     * body's fixed fields) followed by the remaining bytes of {@code tail} (a READ's data, left
     * where it was read, e.g. in direct memory); the signature goes into {@code head}, and
     * {@code tail}'s position does not move.
     */
    void sign(byte[] head, java.nio.ByteBuffer tail);

    /** True when the signature is right (constant-time compare); false also for a too-short message. */
    boolean verify(byte[] message, int offset, int length);

    /** {@link #verify} of the message made of {@code head} followed by the remaining bytes of {@code tail}. */
    boolean verify(byte[] head, java.nio.ByteBuffer tail);
}
