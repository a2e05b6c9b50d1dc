package dev.haven.smb.crypto;

/** [MS-SMB2] 2.2.3.1.2: the encryption ciphers and their Cipher ids. */
public enum EncryptionCipher {
    AES_128_CCM(0x0001, 128, 11),
    AES_128_GCM(0x0002, 128, 12),
    AES_256_CCM(0x0003, 256, 11),
    AES_256_GCM(0x0004, 256, 12);

    private final int code;
    private final int keyBits;
    private final int nonceLength;

    EncryptionCipher(int code, int keyBits, int nonceLength) {
        this.code = code;
        this.keyBits = keyBits;
        this.nonceLength = nonceLength;
    }

    /** The cipher id on the wire. */
    public int code() {
        return code;
    }

    /** The key size in bits. */
    public int keyBits() {
        return keyBits;
    }

    /** [MS-SMB2] 2.2.41: the used part of the 16-byte Nonce field (11 for CCM, 12 for GCM). */
    public int nonceLength() {
        return nonceLength;
    }

    /** True for the GCM ciphers. */
    public boolean isGcm() {
        return nonceLength == 12;
    }

    /** The cipher with this wire id, or null when unknown. */
    public static EncryptionCipher fromCode(int code) {
        for (EncryptionCipher c : values()) {
            if (c.code == code) {
                return c;
            }
        }
        return null;
    }
}
