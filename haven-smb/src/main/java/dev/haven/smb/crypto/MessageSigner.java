package dev.haven.smb.crypto;

/** Signs and verifies one whole SMB2 message (header + body); the signature sits at header offset 48..63. */
public interface MessageSigner {
    /** A signer for this algorithm and key. */
    static MessageSigner of(SigningAlgorithm algorithm, byte[] signingKey) {
        throw new UnsupportedOperationException("not yet");
    }

    /** Zeroes, then fills the signature field in place; sets nothing else. */
    void sign(byte[] message, int offset, int length);

    /** True when the signature is right (constant-time compare). */
    boolean verify(byte[] message, int offset, int length);
}
