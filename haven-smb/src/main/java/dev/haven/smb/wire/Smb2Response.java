package dev.haven.smb.wire;

/** [MS-SMB2] 2.2: the body of an SMB2 response, encoded after its header. */
public sealed interface Smb2Response permits NegotiateResponse, SessionSetupResponse, LogoffResponse,
        TreeConnectResponse, TreeDisconnectResponse, EchoResponse, IoctlResponse, ErrorResponse {

    /** Writes the body; {@code w.position()} is 64 and offsets count from index 0. */
    void encodeBody(WireWriter w);
}
