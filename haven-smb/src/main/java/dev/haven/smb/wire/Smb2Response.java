package dev.haven.smb.wire;

/** [MS-SMB2] 2.2: the body of an SMB2 response, encoded after its header. */
public sealed interface Smb2Response permits NegotiateResponse, SessionSetupResponse, LogoffResponse,
        TreeConnectResponse, TreeDisconnectResponse, EchoResponse, IoctlResponse, ErrorResponse,
        CreateResponse, CloseResponse, FlushResponse, ReadResponse, WriteResponse, LockResponse, ChangeNotifyResponse,
        QueryDirectoryResponse, QueryInfoResponse, SetInfoResponse, OplockBreak, LeaseBreakAck, LeaseBreakNotification {

    /** Writes the body; {@code w.position()} is 64 and offsets count from index 0. */
    void encodeBody(WireWriter w);

    /** Bytes the body will take, when large (READ), so the writer is sized once; 0 if small. */
    default int sizeHint() {
        return 0;
    }
}
