package dev.haven.smb.auth;

import java.util.Arrays;

/** The two object identifiers SPNEGO negotiation here needs, as DER OID contents. */
final class SpnegoOids {
    /** 1.3.6.1.5.5.2, the SPNEGO pseudo-mechanism (RFC 4178 3). */
    static final byte[] SPNEGO = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x02};
    /** 1.3.6.1.4.1.311.2.2.10, NTLMSSP ([MS-SPNG] 1.9, [MS-NLMP] 1.9). */
    static final byte[] NTLMSSP = {0x2b, 0x06, 0x01, 0x04, 0x01, (byte) 0x82, 0x37, 0x02, 0x02, 0x0a};

    private SpnegoOids() {
    }

    static boolean isNtlmssp(byte[] oidContent) {
        return Arrays.equals(oidContent, NTLMSSP);
    }
}
