package dev.haven.smb.crypto;

/** [MS-SMB2] 2.2.3.1.2: the encryption ciphers and their Cipher ids. */
public enum EncryptionCipher {
    AES_128_CCM(0x0001),
    AES_128_GCM(0x0002),
    AES_256_CCM(0x0003),
    AES_256_GCM(0x0004);

    private final int code;

    EncryptionCipher(int code) {
        this.code = code;
    }

    /** The cipher id on the wire. */
    public int code() {
        return code;
    }
}
