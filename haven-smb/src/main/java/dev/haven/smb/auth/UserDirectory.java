package dev.haven.smb.auth;

import java.util.Optional;

/** The local accounts NTLM checks against; user names compare case-insensitively. */
public interface UserDirectory {
    /** The 16-byte NT hash (MD4 of the UTF-16LE password) of this user, or empty if unknown. */
    Optional<byte[]> ntHash(String userName);

    /** The user's SID ([MS-DTYP] 2.4.2), or empty when the directory keeps none. */
    default Optional<dev.haven.files.security.Sid> sid(String userName) {
        return Optional.empty();
    }

    /** The NT hash of a password ([MS-NLMP] 3.3.1 NTOWFv1), for directories that store passwords. */
    static byte[] hashPassword(String password) {
        return NtlmKeys.ntHash(password);
    }
}
