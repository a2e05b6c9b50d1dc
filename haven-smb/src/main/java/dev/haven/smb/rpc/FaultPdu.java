package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;

/**
 * C706 12.6.4.7 fault: alloc_hint (4), p_cont_id (2), cancel_count (1), reserved (1), status (4),
 * reserved (4). Status codes: C706 appendix E and [MS-RPCE] 2.2.2.11 / 3.1.1.5.
 */
public record FaultPdu(int callId, int contextId, int status, boolean didNotExecute) implements RpcPdu {
    /** nca_s_op_rng_error: the interface has no such operation. */
    public static final int OP_RANGE_ERROR = 0x1C010002;
    /** nca_s_unk_if: no interface is bound to the presentation context. */
    public static final int UNKNOWN_INTERFACE = 0x1C010003;
    /** nca_proto_error: the PDU breaks the protocol. */
    public static final int PROTOCOL_ERROR = 0x1C01000B;
    /** RPC_X_BAD_STUB_DATA (nca_s_fault_ndr): the stub data cannot be unmarshalled. */
    public static final int BAD_STUB_DATA = 0x000006F7;
    /** ERROR_ACCESS_DENIED: authenticated calls are not served. */
    public static final int ACCESS_DENIED = 0x00000005;
    /** pfc_flags PFC_DID_NOT_EXECUTE. */
    static final int DID_NOT_EXECUTE = 0x20;

    static FaultPdu decodeBody(PduHeader h, WireReader r) throws MalformedMessageException {
        r.skip(4);
        int contextId = r.u16();
        r.skip(2);
        return new FaultPdu(h.callId(), contextId, r.u32(), (h.flags() & DID_NOT_EXECUTE) != 0);
    }

    @Override
    public byte[] encode() {
        int flags = PduHeader.WHOLE | (didNotExecute ? DID_NOT_EXECUTE : 0);
        return RpcPdu.frame(PduType.FAULT, flags, callId, w -> w.u32(0).u16(contextId).u8(0).u8(0).u32(status).u32(0));
    }
}
