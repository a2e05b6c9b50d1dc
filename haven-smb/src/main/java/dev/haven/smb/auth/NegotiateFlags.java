package dev.haven.smb.auth;

/** [MS-NLMP] 2.2.2.5 NEGOTIATE flags used by the server; the names follow the spec. */
final class NegotiateFlags {
    static final int UNICODE = 0x00000001;
    static final int REQUEST_TARGET = 0x00000004;
    static final int SIGN = 0x00000010;
    static final int SEAL = 0x00000020;
    static final int LM_KEY = 0x00000080;
    static final int NTLM = 0x00000200;
    static final int ANONYMOUS = 0x00000800;
    static final int ALWAYS_SIGN = 0x00008000;
    static final int TARGET_TYPE_SERVER = 0x00020000;
    static final int EXTENDED_SESSIONSECURITY = 0x00080000;
    static final int TARGET_INFO = 0x00800000;
    static final int VERSION = 0x02000000;
    static final int NEGOTIATE_128 = 0x20000000;
    static final int KEY_EXCH = 0x40000000;
    static final int NEGOTIATE_56 = 0x80000000;

    /** The flags the server echoes when the client asks for them ([MS-NLMP] 3.2.5.1.1). */
    static final int ECHOED = SIGN | SEAL | ALWAYS_SIGN | EXTENDED_SESSIONSECURITY | VERSION
            | NEGOTIATE_128 | NEGOTIATE_56 | KEY_EXCH;

    private NegotiateFlags() {
    }

    static boolean has(int flags, int flag) {
        return (flags & flag) != 0;
    }

    /**
     * [MS-NLMP] 3.2.5.1.1: the CHALLENGE_MESSAGE flags for a client's NEGOTIATE flags. NTLM and
     * TARGET_INFO are always set (NTLMv2 needs the target info); LM_KEY never is, since extended
     * session security replaces it and the two are exclusive (2.2.2.5, flag G).
     */
    static int answer(int clientFlags) {
        int flags = UNICODE | NTLM | TARGET_INFO | (clientFlags & ECHOED);
        if (has(clientFlags, REQUEST_TARGET)) {
            flags |= REQUEST_TARGET | TARGET_TYPE_SERVER;
        }
        return flags;
    }
}
