package dev.haven.smb.server;

import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2Header;

/**
 * One request being processed: its header, its bytes as received (for preauth hashing), whether
 * it arrived encrypted, and the session and tree it runs in. Handlers may set {@link #session}
 * (SESSION_SETUP creates one) and {@link #signFinal} (the final SESSION_SETUP response is signed
 * with the new keys, [MS-SMB2] 3.3.5.5.3).
 */
final class RequestContext {
    final Connection connection;
    final Smb2Header header;
    final byte[] message;
    final boolean encrypted;
    Session session;
    TreeConnect tree;
    boolean signFinal;
    /** Set when the response must go out unencrypted though the session encrypts (3.3.5.5.3). */
    boolean plainFinal;
    /** 3.1.1: the response must be added to this channel's preauth hash once encoded. */
    Channel hashResponseInto;
    /**
     * Signs the response instead of the channel's key: a binding exchange is answered under
     * Session.SigningKey until its channel has a key of its own ([MS-SMB2] 3.3.4.1.1).
     */
    dev.haven.smb.crypto.MessageSigner responseSigner;
    /** [MS-SMB2] 3.3.5.2.9: the session is EXPIRED; only the commands it still allows may run. */
    boolean sessionExpired;
    /** [MS-SMB2] 3.3.5.2.7.2: the FileId the previous request of a related compound used or made. */
    dev.haven.smb.wire.Smb2FileId chainedFileId;
    /** The status of the previous related CREATE when it failed. */
    NtStatus chainedFailure;
    /** Set when the compound position alone fails the request (3.3.5.2.7.2); answered before any check. */
    NtStatus relatedFailure;
    /** The FileId this request used or made (set by handlers). */
    dev.haven.smb.wire.Smb2FileId fileId;
    /** The data of a WRITE the transport split off (it follows {@link #message}); empty otherwise. */
    java.nio.ByteBuffer trailing = java.nio.ByteBuffer.allocate(0);
    /** Transport memory a READ read its data into; the frame processor sends or releases it. */
    OutboundBuffer lent;

    RequestContext(Connection connection, Smb2Header header, byte[] message, boolean encrypted) {
        this.connection = connection;
        this.header = header;
        this.message = message;
        this.encrypted = encrypted;
    }

    /**
     * [MS-SMB2] 3.3.4.2: makes this request asynchronous; the handler returns
     * {@link PendingRequest#interim()} and completes the request later. Fails with
     * STATUS_INSUFFICIENT_RESOURCES when the connection holds too many pending requests.
     */
    PendingRequest goAsync(PendingRequest.Canceller canceller) throws SmbStatusException {
        PendingRequest p = connection.pending.add(this, canceller);
        if (p == null) {
            throw new SmbStatusException(NtStatus.INSUFFICIENT_RESOURCES,
                    PendingRequests.LIMIT + " requests already pending on this connection");
        }
        return p;
    }

    ServerContext server() {
        return connection.server;
    }
}
