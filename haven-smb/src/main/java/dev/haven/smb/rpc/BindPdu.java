package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;
import java.util.ArrayList;
import java.util.List;

/**
 * C706 12.6.4.3 bind and 12.6.4.1 alter_context (same body): max_xmit_frag (2), max_recv_frag
 * (2), assoc_group_id (4), p_context_elem: n_context_elem (1), reserved (1), reserved2 (2), then
 * per element p_cont_id (2), n_transfer_syn (1), reserved (1), abstract_syntax (20),
 * transfer_syntaxes (20 each).
 *
 * @param alter true for alter_context
 * @param authLength the auth_length of the header (an auth verifier follows the body when not 0)
 */
public record BindPdu(int callId, boolean alter, int maxXmitFrag, int maxRecvFrag, int assocGroupId,
        List<ContextElement> contexts, int authLength) implements RpcPdu {
    /** Copies the list. */
    public BindPdu {
        contexts = List.copyOf(contexts);
    }

    static BindPdu decodeBody(PduHeader h, WireReader r) throws MalformedMessageException {
        int maxXmit = r.u16();
        int maxRecv = r.u16();
        int group = r.u32();
        int n = r.u8();
        r.skip(3);
        List<ContextElement> contexts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int id = r.u16();
            int transfers = r.u8();
            r.skip(1);
            SyntaxId abstractSyntax = SyntaxId.decode(r);
            List<SyntaxId> ts = new ArrayList<>(transfers);
            for (int t = 0; t < transfers; t++) {
                ts.add(SyntaxId.decode(r));
            }
            contexts.add(new ContextElement(id, abstractSyntax, ts));
        }
        return new BindPdu(h.callId(), h.type() == PduType.ALTER_CONTEXT, maxXmit, maxRecv, group, contexts,
                h.authLength());
    }

    @Override
    public byte[] encode() {
        return RpcPdu.frame(alter ? PduType.ALTER_CONTEXT : PduType.BIND, PduHeader.WHOLE, callId, w -> {
            w.u16(maxXmitFrag).u16(maxRecvFrag).u32(assocGroupId).u8(contexts.size()).u8(0).u16(0);
            for (ContextElement c : contexts) {
                w.u16(c.contextId()).u8(c.transferSyntaxes().size()).u8(0);
                c.abstractSyntax().encode(w);
                c.transferSyntaxes().forEach(t -> t.encode(w));
            }
        });
    }
}
