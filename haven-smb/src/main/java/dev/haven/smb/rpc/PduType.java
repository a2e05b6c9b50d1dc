package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;

/** C706 12.6.4.1 / [MS-RPCE] 2.2.2.1: the PTYPE of a connection-oriented PDU (closed set). */
public enum PduType {
    REQUEST(0), RESPONSE(2), FAULT(3), BIND(11), BIND_ACK(12), BIND_NAK(13), ALTER_CONTEXT(14),
    ALTER_CONTEXT_RESP(15), AUTH3(16), SHUTDOWN(17), CO_CANCEL(18), ORPHANED(19);

    private final int code;

    PduType(int code) {
        this.code = code;
    }

    /** The wire value. */
    public int code() {
        return code;
    }

    /** The type with this wire value; connectionless-only and unknown codes are malformed. */
    public static PduType ofCode(int code) throws MalformedMessageException {
        for (PduType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw MalformedMessageException.body("PTYPE " + code + " is not a connection-oriented PDU");
    }
}
