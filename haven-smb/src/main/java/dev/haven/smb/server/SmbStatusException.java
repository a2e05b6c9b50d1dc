package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;

/** A request fails with this status; the connection lives on. */
final class SmbStatusException extends Exception {
    private final transient NtStatus status;

    SmbStatusException(NtStatus status, String why) {
        super(status + ": " + why, null, false, false);
        this.status = status;
    }

    NtStatus status() {
        return status;
    }
}
