package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;

/**
 * C706 12.6.4.10 response: alloc_hint (4), p_cont_id (2), cancel_count (1), reserved (1), stub
 * data. The stub starts 24 bytes into the PDU, so NDR alignment inside it matches the PDU's.
 */
public record ResponsePdu(int callId, int flags, int allocHint, int contextId, byte[] stub) implements RpcPdu {
    /** Header plus the fixed part: where the stub starts. */
    public static final int STUB_OFFSET = 24;

    /** Copies the stub. */
    public ResponsePdu {
        stub = stub.clone();
    }

    @Override
    public byte[] stub() {
        return stub.clone();
    }

    static ResponsePdu decodeBody(PduHeader h, WireReader r) throws MalformedMessageException {
        int allocHint = r.u32();
        int contextId = r.u16();
        r.skip(2);
        return new ResponsePdu(h.callId(), h.flags(), allocHint, contextId, r.bytes(r.length() - r.position()));
    }

    @Override
    public byte[] encode() {
        return RpcPdu.frame(PduType.RESPONSE, flags, callId,
                w -> w.u32(allocHint).u16(contextId).u8(0).u8(0).bytes(stub));
    }
}
