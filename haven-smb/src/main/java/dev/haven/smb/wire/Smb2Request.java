package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2: the body of an SMB2 request, one record per command (Haven serves them all;
 * an unknown command code never gets this far).
 */
public sealed interface Smb2Request permits NegotiateRequest, SessionSetupRequest, LogoffRequest,
        TreeConnectRequest, TreeDisconnectRequest, EchoRequest, CancelRequest, IoctlRequest, CreateRequest, CloseRequest, FlushRequest, ReadRequest, WriteRequest,
        LockRequest, ChangeNotifyRequest, QueryDirectoryRequest, QueryInfoRequest, SetInfoRequest, OplockBreak,
        LeaseBreakAck {

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
            case OPLOCK_BREAK -> decodeBreakAck(r);
        };
    }

    /**
     * [MS-SMB2] 2.2.24: an OPLOCK_BREAK request is an oplock or a lease acknowledgment, told apart
     * by its StructureSize; any other size is STATUS_INVALID_PARAMETER (3.3.5.22).
     */
    private static Smb2Request decodeBreakAck(WireReader r) throws MalformedMessageException {
        int at = r.position();
        int size = r.u16();
        r.position(at);
        return size == LeaseBreakAck.STRUCTURE_SIZE ? LeaseBreakAck.decode(r) : OplockBreak.decode(r);
    }

    /** Checks the StructureSize field every body starts with ([MS-SMB2] 2.2). */
    static void expectStructureSize(WireReader r, int expected) throws MalformedMessageException {
        int actual = r.u16();
        if (actual != expected) {
            throw MalformedMessageException.body("StructureSize " + actual + ", expected " + expected);
        }
    }
}
