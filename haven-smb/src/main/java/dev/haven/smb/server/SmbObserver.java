package dev.haven.smb.server;

import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.NtStatus;

/**
 * What an {@link SmbServer} reports while it serves, for metrics and the admin API, so that the
 * wire layer depends on no metrics library. Called on worker threads: implementations must be
 * thread-safe and must not block.
 */
public interface SmbObserver {
    /** Reports nothing. */
    SmbObserver NONE = new SmbObserver() { };

    /** One request answered (or, for CANCEL, consumed) after {@code nanos} of processing. */
    default void requestDone(Command command, NtStatus status, long nanos) {
    }

    /** Bytes returned by a successful READ. */
    default void bytesRead(long bytes) {
    }

    /** Bytes stored by a successful WRITE. */
    default void bytesWritten(long bytes) {
    }

    /** A session completed authentication ([MS-SMB2] 3.3.5.5); re-authentication reports it again. */
    default void sessionStarted(long sessionId, String user, String clientAddress, String dialect) {
    }

    /** A session ended (LOGOFF, failed setup or the connection closed). */
    default void sessionEnded(long sessionId) {
    }
}
