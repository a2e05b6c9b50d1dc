package dev.haven.smb.crypto;

/** [MS-SMB2] 2.2.3.1.7: the signing algorithms and their SigningAlgorithmId codes. */
public enum SigningAlgorithm {
    HMAC_SHA256(0x0000),
    AES_CMAC(0x0001),
    AES_GMAC(0x0002);

    private final int code;

    SigningAlgorithm(int code) {
        this.code = code;
    }

    /** The SigningAlgorithmId on the wire. */
    public int code() {
        return code;
    }

    /** The algorithm with this wire id, or null when unknown. */
    public static SigningAlgorithm fromCode(int code) {
        for (SigningAlgorithm a : values()) {
            if (a.code == code) {
                return a;
            }
        }
        return null;
    }
}
