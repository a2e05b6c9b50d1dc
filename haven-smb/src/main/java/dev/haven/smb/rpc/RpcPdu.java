package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;

/** One connection-oriented DCE/RPC PDU (C706 12.6.4, [MS-RPCE] 2.2.2): header fields plus body. */
public sealed interface RpcPdu permits BindPdu, BindAckPdu, BindNakPdu, RequestPdu, ResponsePdu, FaultPdu, OtherPdu {
    /** The call_id, which ties a response to its request. */
    int callId();

    /** The whole PDU as one fragment. */
    byte[] encode();

    /**
     * Decodes one fragment (exactly {@code frag_length} bytes at the start of {@code fragment}).
     * Only {@link MalformedMessageException} is thrown, whatever the bytes.
     */
    static RpcPdu decode(byte[] fragment) throws MalformedMessageException {
        WireReader r = new WireReader(fragment);
        PduHeader h = PduHeader.decode(r, fragment.length);
        WireReader body = new WireReader(fragment, 0, h.bodyEnd());
        body.position(PduHeader.SIZE);
        return switch (h.type()) {
            case BIND, ALTER_CONTEXT -> BindPdu.decodeBody(h, body);
            case BIND_ACK, ALTER_CONTEXT_RESP -> BindAckPdu.decodeBody(h, body);
            case BIND_NAK -> BindNakPdu.decodeBody(h, body);
            case REQUEST -> RequestPdu.decodeBody(h, body);
            case RESPONSE -> ResponsePdu.decodeBody(h, body);
            case FAULT -> FaultPdu.decodeBody(h, body);
            case AUTH3, SHUTDOWN, CO_CANCEL, ORPHANED -> new OtherPdu(h);
        };
    }

    /** Writes {@code header} with frag_length set to what {@code body} wrote, and returns the PDU. */
    static byte[] frame(PduType type, int flags, int callId, java.util.function.Consumer<WireWriter> body) {
        WireWriter w = new WireWriter();
        PduHeader.of(type, flags, 0, callId).encode(w);
        body.accept(w);
        byte[] out = w.toByteArray();
        out[8] = (byte) out.length;
        out[9] = (byte) (out.length >>> 8);
        return out;
    }
}
