package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;

/**
 * C706 12.6.4.5 bind_nak: provider_reject_reason (2), then p_rt_versions_supported: n_protocols
 * (1) and one major/minor pair (5.0) per protocol.
 */
public record BindNakPdu(int callId, int reason) implements RpcPdu {
    /** p_reject_reason_t reason_not_specified. */
    public static final int REASON_NOT_SPECIFIED = 0;
    /** p_reject_reason_t protocol_version_not_supported. */
    public static final int PROTOCOL_VERSION_NOT_SUPPORTED = 4;
    /** [MS-RPCE] 2.2.2.5: authentication_type_not_recognized. */
    public static final int AUTHENTICATION_TYPE_NOT_RECOGNIZED = 8;

    static BindNakPdu decodeBody(PduHeader h, WireReader r) throws MalformedMessageException {
        return new BindNakPdu(h.callId(), r.u16());
    }

    @Override
    public byte[] encode() {
        return RpcPdu.frame(PduType.BIND_NAK, PduHeader.WHOLE, callId, w -> w.u16(reason).u8(1).u8(5).u8(0));
    }
}
