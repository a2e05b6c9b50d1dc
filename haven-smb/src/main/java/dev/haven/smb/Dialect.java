package dev.haven.smb;

/** [MS-SMB2] 2.2.3: the SMB2 dialect revisions Haven speaks, with their wire codes. */
public enum Dialect {
    SMB_2_0_2(0x0202),
    SMB_2_1(0x0210),
    SMB_3_0(0x0300),
    SMB_3_0_2(0x0302),
    SMB_3_1_1(0x0311);

    private final int code;

    Dialect(int code) {
        this.code = code;
    }

    /** The DialectRevision value on the wire. */
    public int code() {
        return code;
    }

    /** True for the SMB 3.x family (AES signing, encryption, key derivation). */
    public boolean isSmb3() {
        return code >= 0x0300;
    }

    /** The dialect with this wire code, or null when Haven does not speak it. */
    public static Dialect fromCode(int code) {
        for (Dialect d : values()) {
            if (d.code == code) {
                return d;
            }
        }
        return null;
    }
}
