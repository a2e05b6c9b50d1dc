package dev.haven.smb.rpc;

/** A PDU the server only recognises (auth3, shutdown, co_cancel, orphaned); its body is not read. */
public record OtherPdu(PduHeader header) implements RpcPdu {
    @Override
    public int callId() {
        return header.callId();
    }

    @Override
    public byte[] encode() {
        return RpcPdu.frame(header.type(), header.flags(), header.callId(), w -> { });
    }
}
