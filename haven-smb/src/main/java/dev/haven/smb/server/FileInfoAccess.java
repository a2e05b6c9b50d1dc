package dev.haven.smb.server;

import dev.haven.files.AccessMask;
import dev.haven.smb.wire.NtStatus;

/**
 * The access a QUERY_INFO file class needs ([MS-FSA] 2.1.5.12, as smbtorture's
 * smb2.getinfo.getinfo_access checks against Windows): the attribute classes need
 * FILE_READ_ATTRIBUTES, the EA list FILE_READ_EA; the others need nothing beyond the open.
 */
final class FileInfoAccess {
    private static final int FULL_EA = 15;

    private FileInfoAccess() {
    }

    static void check(int infoClass, AccessMask granted) throws SmbStatusException {
        int needed = switch (infoClass) {
            case FileInfoClasses.BASIC, FileInfoClasses.ALL, FileInfoClasses.NETWORK_OPEN,
                    FileInfoClasses.ATTRIBUTE_TAG -> AccessMask.FILE_READ_ATTRIBUTES;
            case FULL_EA -> AccessMask.FILE_READ_EA;
            default -> 0;
        };
        if (needed != 0 && !granted.hasAny(needed)) {
            throw new SmbStatusException(NtStatus.ACCESS_DENIED, "file info class " + infoClass + " needs " + AccessMask.of(needed));
        }
    }
}
