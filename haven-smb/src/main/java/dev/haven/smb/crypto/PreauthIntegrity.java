package dev.haven.smb.crypto;

/** [MS-SMB2] 3.2.5.2 / 3.3.5.4: the SHA-512 preauthentication integrity hash chain. */
public final class PreauthIntegrity {
    /** Starts at 64 zero bytes. */
    public PreauthIntegrity() {
    }

    /** An independent copy of this chain. */
    public PreauthIntegrity copy() {
        throw new UnsupportedOperationException("not yet");
    }

    /** value = SHA-512(value || message). */
    public void update(byte[] message, int offset, int length) {
        throw new UnsupportedOperationException("not yet");
    }

    /** The current 64-byte hash value (a copy). */
    public byte[] value() {
        throw new UnsupportedOperationException("not yet");
    }
}
