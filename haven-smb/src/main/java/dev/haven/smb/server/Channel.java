package dev.haven.smb.server;

import dev.haven.smb.auth.SpnegoAcceptor;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.PreauthIntegrity;

/**
 * [MS-SMB2] 3.3.1.14: one connection's membership in a session, with its own signing key
 * (Channel.SigningKey) and the authentication exchange running on it (the first one, a
 * re-authentication or a binding). Touched only by its connection's serial executor.
 */
final class Channel {
    private final Connection connection;
    /** The exchange under way on this channel, null once it ends. */
    SpnegoAcceptor acceptor;
    /**
     * 3.1.1 only: the hash of this channel's exchange ([MS-SMB2] 3.3.1.7
     * Connection.PreauthSessionTable entry); null when no exchange needs one.
     */
    PreauthIntegrity preauth;
    /** Channel.SigningKey as a signer; null until the channel has keys. */
    MessageSigner signer;
    /** True while this channel is being bound (3.3.5.5.2) and is not usable yet. */
    boolean binding;

    Channel(Connection connection) {
        this.connection = connection;
    }

    Connection connection() {
        return connection;
    }

    boolean hasKeys() {
        return signer != null;
    }
}
