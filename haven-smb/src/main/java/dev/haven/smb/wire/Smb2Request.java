package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2: the body of an SMB2 request. One record per command Haven serves; every other
 * command decodes to {@link UnsupportedRequest}, so no request is ever dropped undecoded.
 */
public sealed interface Smb2Request permits NegotiateRequest, SessionSetupRequest, LogoffRequest,
        TreeConnectRequest, TreeDisconnectRequest, EchoRequest, CancelRequest, IoctlRequest, CreateRequest, CloseRequest, FlushRequest, ReadRequest, WriteRequest,
        LockRequest, ChangeNotifyRequest, QueryDirectoryRequest, QueryInfoRequest, SetInfoRequest, UnsupportedRequest {

    /**
     * Decodes the body of one message whose header is already decoded. {@code r} covers exactly
     * this message, index 0 at the header. A broken body raises a non-fatal exception.
     */
    static Smb2Request decode(Smb2Header header, WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        return switch (header.command()) {
            case NEGOTIATE -> NegotiateRequest.decode(r);
            case SESSION_SETUP -> SessionSetupRequest.decode(r);
            case LOGOFF -> LogoffRequest.decode(r);
            case TREE_CONNECT -> TreeConnectRequest.decode(r);
            case TREE_DISCONNECT -> TreeDisconnectRequest.decode(r);
            case ECHO -> EchoRequest.decode(r);
            case CANCEL -> CancelRequest.decode(r);
            case IOCTL -> IoctlRequest.decode(r);
            case CREATE -> CreateRequest.decode(r);
            case CLOSE -> CloseRequest.decode(r);
            case FLUSH -> FlushRequest.decode(r);
            case READ -> ReadRequest.decode(r);
            case WRITE -> WriteRequest.decode(r);
            case LOCK -> LockRequest.decode(r);
            case QUERY_DIRECTORY -> QueryDirectoryRequest.decode(r);
            case QUERY_INFO -> QueryInfoRequest.decode(r);
            case SET_INFO -> SetInfoRequest.decode(r);
            case CHANGE_NOTIFY -> ChangeNotifyRequest.decode(r);
            case OPLOCK_BREAK -> UnsupportedRequest.decode(header.command(), r);
        };
    }

    /** Checks the StructureSize field every body starts with ([MS-SMB2] 2.2). */
    static void expectStructureSize(WireReader r, int expected) throws MalformedMessageException {
        int actual = r.u16();
        if (actual != expected) {
            throw MalformedMessageException.body("StructureSize " + actual + ", expected " + expected);
        }
    }
}
