package dev.haven.smb.crypto;

/**
 * [MS-SMB2] 2.2.41 SMB2 TRANSFORM_HEADER layout (52 bytes, little-endian):
 * <pre>
 * offset size field
 *      0    4 ProtocolId           0xFD 'S' 'M' 'B'
 *      4   16 Signature            the AEAD tag
 *     20   16 Nonce                11 bytes used for CCM, 12 for GCM, rest zero
 *     36    4 OriginalMessageSize  plaintext length
 *     40    2 Reserved
 *     42    2 Flags                0x0001 = Encrypted (3.1.1; EncryptionAlgorithm AES-128-CCM in 3.0.x)
 *     44    8 SessionId
 * </pre>
 * The AEAD additional data is the header from offset 20 (Nonce) to its end, 32 bytes (3.1.4.3).
 */
final class TransformHeader {
    static final int SIGNATURE_OFFSET = 4;
    static final int NONCE_OFFSET = 20;
    static final int SIZE_OFFSET = 36;
    static final int FLAGS_OFFSET = 42;
    static final int SESSION_ID_OFFSET = 44;
    static final int AAD_LENGTH = TransformCipher.HEADER_LENGTH - NONCE_OFFSET;
    static final int FLAG_ENCRYPTED = 0x0001;
    private static final byte[] PROTOCOL_ID = {(byte) 0xFD, 'S', 'M', 'B'};

    private TransformHeader() {
    }

    /** Writes every header field except Signature into out[0..52). */
    static void write(byte[] out, byte[] nonce, int originalSize, long sessionId) {
        System.arraycopy(PROTOCOL_ID, 0, out, 0, 4);
        System.arraycopy(nonce, 0, out, NONCE_OFFSET, nonce.length);
        putInt(out, SIZE_OFFSET, originalSize);
        out[FLAGS_OFFSET] = (byte) FLAG_ENCRYPTED;
        putLong(out, SESSION_ID_OFFSET, sessionId);
    }

    /** Null when the header is acceptable, else why not. */
    static String check(byte[] message) {
        if (message.length < TransformCipher.HEADER_LENGTH) {
            return "shorter than a TRANSFORM_HEADER";
        }
        for (int i = 0; i < 4; i++) {
            if (message[i] != PROTOCOL_ID[i]) {
                return "ProtocolId is not 0xFD 'S' 'M' 'B'";
            }
        }
        int flags = (message[FLAGS_OFFSET] & 0xFF) | (message[FLAGS_OFFSET + 1] & 0xFF) << 8;
        if (flags != FLAG_ENCRYPTED) {
            return "Flags/EncryptionAlgorithm is " + flags;
        }
        long size = getInt(message, SIZE_OFFSET) & 0xFFFFFFFFL;
        if (size != message.length - TransformCipher.HEADER_LENGTH) {
            return "OriginalMessageSize " + size + " does not match " + (message.length - TransformCipher.HEADER_LENGTH);
        }
        return null;
    }

    static long sessionId(byte[] message) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (message[SESSION_ID_OFFSET + i] & 0xFF);
        }
        return v;
    }

    private static int getInt(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private static void putInt(byte[] b, int at, int v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
