package dev.haven.smb.server;

import dev.haven.smb.auth.AuthResult;
import dev.haven.smb.auth.SpnegoAcceptor;
import dev.haven.smb.crypto.MessageSigner;
import dev.haven.smb.crypto.PreauthIntegrity;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SessionSetupResponse;

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

    /**
     * Runs one leg of this channel's exchange ([MS-SMB2] 3.3.5.5): starts the exchange if none
     * is under way, and first extends the 3.1.1 hash with the request as received.
     */
    AuthResult accept(RequestContext ctx, byte[] token) {
        if (acceptor == null) {
            ServerContext server = ctx.server();
            acceptor = new SpnegoAcceptor(server.config().users(), server.config().anonymous(),
                    server.config().identity(), server.clock(), server.random());
        }
        if (preauth != null) {
            preauth.update(ctx.message, 0, ctx.message.length);
        }
        return acceptor.accept(token);
    }

    /** The answer to a leg that needs another one; its bytes extend this channel's 3.1.1 hash. */
    Reply moreProcessing(RequestContext ctx, AuthResult.Continue cont) {
        ctx.hashResponseInto = this;
        return new Reply.Respond(NtStatus.MORE_PROCESSING_REQUIRED, new SessionSetupResponse(0, cont.responseToken()));
    }
}
