package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * C706 12.6.4.4 bind_ack and 12.6.4.2 alter_context_resp: max_xmit_frag (2), max_recv_frag (2),
 * assoc_group_id (4), sec_addr (port_any_t: length (2) counting the NUL, then the ASCII string),
 * padding to 4, p_result_list: n_results (1), reserved (1), reserved2 (2), then per result
 * result (2), reason (2), transfer_syntax (20).
 *
 * @param secondaryAddress the pipe name ("\PIPE\srvsvc"), empty for alter_context_resp
 */
public record BindAckPdu(int callId, boolean alter, int maxXmitFrag, int maxRecvFrag, int assocGroupId,
        String secondaryAddress, List<ContextResult> results) implements RpcPdu {
    /** Copies the list. */
    public BindAckPdu {
        results = List.copyOf(results);
    }

    static BindAckPdu decodeBody(PduHeader h, WireReader r) throws MalformedMessageException {
        int maxXmit = r.u16();
        int maxRecv = r.u16();
        int group = r.u32();
        int addrLength = r.u16();
        byte[] addr = r.bytes(addrLength);
        r.position((r.position() + 3) & ~3);
        int n = r.u8();
        r.skip(3);
        List<ContextResult> results = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            results.add(new ContextResult(r.u16(), r.u16(), SyntaxId.decode(r)));
        }
        int end = addrLength > 0 && addr[addrLength - 1] == 0 ? addrLength - 1 : addrLength;
        return new BindAckPdu(h.callId(), h.type() == PduType.ALTER_CONTEXT_RESP, maxXmit, maxRecv, group,
                new String(addr, 0, end, StandardCharsets.US_ASCII), results);
    }

    @Override
    public byte[] encode() {
        return RpcPdu.frame(alter ? PduType.ALTER_CONTEXT_RESP : PduType.BIND_ACK, PduHeader.WHOLE, callId, w -> {
            w.u16(maxXmitFrag).u16(maxRecvFrag).u32(assocGroupId);
            byte[] addr = secondaryAddress.getBytes(StandardCharsets.US_ASCII);
            if (addr.length == 0) {
                w.u16(0);
            } else {
                w.u16(addr.length + 1).bytes(addr).u8(0);
            }
            w.align(4).u8(results.size()).u8(0).u16(0);
            for (ContextResult c : results) {
                w.u16(c.result()).u16(c.reason());
                c.transferSyntax().encode(w);
            }
        });
    }
}
