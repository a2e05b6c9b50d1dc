package dev.haven.smb.rpc;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server side of one DCE/RPC association over one pipe (C706 12.5, [MS-RPCE] 3.3.1.5):
 * binding presentation contexts, reassembling fragmented requests, running calls and
 * fragmenting their responses. Unauthenticated only: a bind or request with an auth verifier is
 * refused. Each method returns the PDUs to send back, in order.
 *
 * <pre>
 *   NEW --bind--> BOUND --alter_context/request--> BOUND
 *   NEW --request/alter_context--> NEW (fault nca_proto_error)
 * </pre>
 */
final class Association {
    /** [MS-RPCE] 3.3.1.5.2: fragments may not be made smaller than 1432 bytes. */
    static final int MIN_FRAGMENT = 1432;
    /** Largest fragment either way (what Windows and Samba offer on named pipes). */
    static final int MAX_FRAGMENT = 4280;
    /** Largest reassembled request stub; srvsvc requests are a few hundred bytes. */
    static final int MAX_REQUEST_STUB = 64 * 1024;
    /** Returned when the client proposes no association group ([MS-RPCE] 3.3.1.5.6). */
    static final int ASSOC_GROUP = 0x000053F1;

    private final String pipeName;
    private final RpcInterface iface;
    private final Map<Integer, RpcInterface> contexts = new HashMap<>();
    private boolean bound;
    private int maxXmitFrag = MIN_FRAGMENT;
    private RequestPdu partial;
    private final ByteArrayOutputStream partialStub = new ByteArrayOutputStream();

    Association(String pipeName, RpcInterface iface) {
        this.pipeName = pipeName;
        this.iface = iface;
    }

    /** Answers one PDU received from the client. */
    List<RpcPdu> receive(RpcPdu pdu) {
        return switch (pdu) {
            case BindPdu b -> List.of(bind(b));
            case RequestPdu r -> request(r);
            // Cancels arrive after the (synchronous) call has finished; shutdown and auth3 need no answer.
            case OtherPdu o -> List.of();
            case BindAckPdu p -> List.of(protocolError(p.callId()));
            case BindNakPdu p -> List.of(protocolError(p.callId()));
            case ResponsePdu p -> List.of(protocolError(p.callId()));
            case FaultPdu p -> List.of(protocolError(p.callId()));
        };
    }

    static FaultPdu protocolError(int callId) {
        return new FaultPdu(callId, 0, FaultPdu.PROTOCOL_ERROR, true);
    }

    private RpcPdu bind(BindPdu b) {
        if (b.alter() != bound) {
            // C706 12.5: bind opens the association once; alter_context only extends a bound one.
            return b.alter() ? protocolError(b.callId()) : new BindNakPdu(b.callId(), BindNakPdu.REASON_NOT_SPECIFIED);
        }
        if (b.authLength() != 0) {
            return new BindNakPdu(b.callId(), BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED);
        }
        List<ContextResult> results = new ArrayList<>();
        for (ContextElement c : b.contexts()) {
            results.add(negotiate(c));
        }
        if (!b.alter()) {
            bound = true;
            maxXmitFrag = clamp(b.maxRecvFrag());
        }
        int group = b.assocGroupId() != 0 ? b.assocGroupId() : ASSOC_GROUP;
        return new BindAckPdu(b.callId(), b.alter(), maxXmitFrag, clamp(b.maxXmitFrag()), group,
                b.alter() ? "" : "\\PIPE\\" + pipeName, results);
    }

    /** C706 12.6.3.1 / [MS-RPCE] 3.3.1.5.3: accept NDR20 for our interface, answer feature negotiation. */
    private ContextResult negotiate(ContextElement c) {
        if (c.transferSyntaxes().stream().anyMatch(SyntaxId::isBindTimeFeatureNegotiation)) {
            return new ContextResult(ContextResult.NEGOTIATE_ACK, 0, SyntaxId.NONE);
        }
        if (!c.abstractSyntax().equals(iface.syntax())) {
            return new ContextResult(ContextResult.PROVIDER_REJECTION, ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED,
                    SyntaxId.NONE);
        }
        if (!c.transferSyntaxes().contains(SyntaxId.NDR20)) {
            return new ContextResult(ContextResult.PROVIDER_REJECTION, ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED,
                    SyntaxId.NONE);
        }
        contexts.put(c.contextId(), iface);
        return new ContextResult(ContextResult.ACCEPTANCE, 0, SyntaxId.NDR20);
    }

    private static int clamp(int frag) {
        return Math.max(MIN_FRAGMENT, Math.min(MAX_FRAGMENT, frag));
    }

    private List<RpcPdu> request(RequestPdu r) {
        if (!bound) {
            return List.of(protocolError(r.callId()));
        }
        if (r.authLength() != 0) {
            return List.of(new FaultPdu(r.callId(), r.contextId(), FaultPdu.ACCESS_DENIED, true));
        }
        boolean first = (r.flags() & PduHeader.FIRST_FRAG) != 0;
        if (first) {
            partial = r;
            partialStub.reset();
        } else if (partial == null || partial.callId() != r.callId()) {
            partial = null;
            return List.of(protocolError(r.callId()));
        }
        byte[] stub = r.stub();
        if (partialStub.size() + stub.length > MAX_REQUEST_STUB) {
            partial = null;
            return List.of(new FaultPdu(r.callId(), r.contextId(), FaultPdu.PROTOCOL_ERROR, true));
        }
        partialStub.write(stub, 0, stub.length);
        if ((r.flags() & PduHeader.LAST_FRAG) == 0) {
            return List.of();
        }
        RequestPdu call = partial;
        partial = null;
        return execute(call, partialStub.toByteArray());
    }

    private List<RpcPdu> execute(RequestPdu call, byte[] stub) {
        RpcInterface target = contexts.get(call.contextId());
        if (target == null) {
            return List.of(new FaultPdu(call.callId(), call.contextId(), FaultPdu.UNKNOWN_INTERFACE, true));
        }
        byte[] out;
        try {
            out = target.call(call.opnum(), stub);
        } catch (RpcFaultException e) {
            return List.of(new FaultPdu(call.callId(), call.contextId(), e.status(), true));
        }
        return fragment(call, out);
    }

    /** C706 12.4.1: splits a response stub into fragments of at most max_xmit_frag bytes. */
    private List<RpcPdu> fragment(RequestPdu call, byte[] out) {
        // Every fragment but the last carries a multiple of 8 stub bytes so NDR alignment holds.
        int chunk = (maxXmitFrag - ResponsePdu.STUB_OFFSET) & ~7;
        List<RpcPdu> pdus = new ArrayList<>();
        int at = 0;
        do {
            int n = Math.min(chunk, out.length - at);
            int flags = (at == 0 ? PduHeader.FIRST_FRAG : 0) | (at + n == out.length ? PduHeader.LAST_FRAG : 0);
            pdus.add(new ResponsePdu(call.callId(), flags, out.length - at, call.contextId(),
                    java.util.Arrays.copyOfRange(out, at, at + n)));
            at += n;
        } while (at < out.length);
        return pdus;
    }
}
