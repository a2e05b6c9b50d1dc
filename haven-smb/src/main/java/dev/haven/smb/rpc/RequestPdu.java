package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;

/**
 * C706 12.6.4.9 request: alloc_hint (4), p_cont_id (2), opnum (2), object UUID (16, only with
 * PFC_OBJECT_UUID), stub data up to the auth verifier or the end of the fragment.
 *
 * @param flags pfc_flags (first/last fragment)
 * @param authLength the header's auth_length (an auth verifier follows the stub when not 0)
 */
public record RequestPdu(int callId, int flags, int allocHint, int contextId, int opnum, byte[] stub,
        int authLength) implements RpcPdu {
    /** Copies the stub. */
    public RequestPdu {
        stub = stub.clone();
    }

    @Override
    public byte[] stub() {
        return stub.clone();
    }

    static RequestPdu decodeBody(PduHeader h, WireReader r) throws MalformedMessageException {
        int allocHint = r.u32();
        int contextId = r.u16();
        int opnum = r.u16();
        if ((h.flags() & PduHeader.OBJECT_UUID) != 0) {
            r.skip(16);
        }
        byte[] stub = r.bytes(r.length() - r.position());
        return new RequestPdu(h.callId(), h.flags(), allocHint, contextId, opnum, stub, h.authLength());
    }

    @Override
    public byte[] encode() {
        return RpcPdu.frame(PduType.REQUEST, flags & ~PduHeader.OBJECT_UUID, callId,
                w -> w.u32(allocHint).u16(contextId).u16(opnum).bytes(stub));
    }
}
