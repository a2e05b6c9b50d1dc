package dev.haven.smb.server;

import dev.haven.smb.wire.CancelRequest;
import dev.haven.smb.wire.ChangeNotifyRequest;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.EchoRequest;
import dev.haven.smb.wire.FlushRequest;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.LockRequest;
import dev.haven.smb.wire.LogoffRequest;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NegotiateRequest;
import dev.haven.smb.wire.QueryDirectoryRequest;
import dev.haven.smb.wire.QueryInfoRequest;
import dev.haven.smb.wire.ReadRequest;
import dev.haven.smb.wire.SessionSetupRequest;
import dev.haven.smb.wire.SetInfoRequest;
import dev.haven.smb.wire.Smb2Request;
import dev.haven.smb.wire.TreeConnectRequest;
import dev.haven.smb.wire.TreeDisconnectRequest;
import dev.haven.smb.wire.UnsupportedRequest;
import dev.haven.smb.wire.WriteRequest;

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
    private final CreateHandler create = new CreateHandler();
    private final CloseHandler close = new CloseHandler();
    private final FlushHandler flush = new FlushHandler();
    private final ReadHandler read = new ReadHandler();
    private final WriteHandler write = new WriteHandler();
    private final LockHandler lock = new LockHandler();
    private final ChangeNotifyHandler changeNotify = new ChangeNotifyHandler();
    private final QueryDirectoryHandler queryDirectory = new QueryDirectoryHandler();
    private final QueryInfoHandler queryInfo = new QueryInfoHandler();
    private final SetInfoHandler setInfo = new SetInfoHandler();
    private final UnsupportedHandler unsupported = new UnsupportedHandler();

    Reply dispatch(RequestContext ctx, Smb2Request request)
            throws SmbStatusException, ProtocolViolationException, MalformedMessageException {
        return switch (request) {
            case NegotiateRequest r -> negotiate.handle(ctx, r);
            case SessionSetupRequest r -> sessionSetup.handle(ctx, r);
            case LogoffRequest r -> logoff.handle(ctx, r);
            case TreeConnectRequest r -> treeConnect.handle(ctx, r);
            case TreeDisconnectRequest r -> treeDisconnect.handle(ctx, r);
            case EchoRequest r -> echo.handle(ctx, r);
            case IoctlRequest r -> ioctl.handle(ctx, r);
            case CancelRequest r -> cancel.handle(ctx, r);
            case CreateRequest r -> create.handle(ctx, r);
            case CloseRequest r -> close.handle(ctx, r);
            case FlushRequest r -> flush.handle(ctx, r);
            case ReadRequest r -> read.handle(ctx, r);
            case WriteRequest r -> write.handle(ctx, r);
            case LockRequest r -> lock.handle(ctx, r);
            case ChangeNotifyRequest r -> changeNotify.handle(ctx, r);
            case QueryDirectoryRequest r -> queryDirectory.handle(ctx, r);
            case QueryInfoRequest r -> queryInfo.handle(ctx, r);
            case SetInfoRequest r -> setInfo.handle(ctx, r);
            case UnsupportedRequest r -> unsupported.handle(ctx, r);
        };
    }
}
