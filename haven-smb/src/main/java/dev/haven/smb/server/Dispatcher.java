package dev.haven.smb.server;

import dev.haven.smb.wire.CancelRequest;
import dev.haven.smb.wire.EchoRequest;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.LogoffRequest;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.Smb2Request;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.TreeDisconnectRequest;
import dev.haven.smb.wire.UnsupportedRequest;

/**
 * The one exhaustive switch over the sealed request type: a new request record without a
 * handler here does not compile.
 */
final class Dispatcher {
    private final NegotiateHandler negotiate = new NegotiateHandler();
    private final SessionSetupHandler sessionSetup = new SessionSetupHandler();
    private final LogoffHandler logoff = new LogoffHandler();
    private final TreeConnectHandler treeConnect = new TreeConnectHandler();
    private final TreeDisconnectHandler treeDisconnect = new TreeDisconnectHandler();
    private final EchoHandler echo = new EchoHandler();
    private final IoctlHandler ioctl = new IoctlHandler();
    private final CancelHandler cancel = new CancelHandler();
    private final UnsupportedHandler unsupported = new UnsupportedHandler();

    Reply dispatch(RequestContext ctx, Smb2Request request) throws SmbStatusException, ProtocolViolationException {
        return switch (request) {
            case NegotiateRequest r -> negotiate.handle(ctx, r);
            case SessionSetupRequest r -> sessionSetup.handle(ctx, r);
            case LogoffRequest r -> logoff.handle(ctx, r);
            case TreeConnectRequest r -> treeConnect.handle(ctx, r);
            case TreeDisconnectRequest r -> treeDisconnect.handle(ctx, r);
            case EchoRequest r -> echo.handle(ctx, r);
            case IoctlRequest r -> ioctl.handle(ctx, r);
            case CancelRequest r -> cancel.handle(ctx, r);
            case UnsupportedRequest r -> unsupported.handle(ctx, r);
        };
    }
}
