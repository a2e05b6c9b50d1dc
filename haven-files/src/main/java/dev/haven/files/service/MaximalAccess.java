package dev.haven.files.service;

import dev.haven.files.AccessMask;

/**
 * The maximal access of an open's file ([MS-SMB2] 3.3.5.9.5, for the MxAc create context; NFS's
 * ACCESS answers the same question): the rights its principal would get opening it again with
 * MAXIMUM_ALLOWED, by the access check of {@link dev.haven.files.security.FileSecurity}. It reads
 * the descriptors again, so a DACL changed since the open counts.
 */
public final class MaximalAccess {
    private MaximalAccess() {
    }

    /** The rights {@code principal} has on {@code open}'s file (for a named stream: on its file). */
    public static AccessMask of(Open open, Principal principal) {
        return AccessMask.of(OpenSecurity.maximal(open, principal));
    }
}
