package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;

/**
 * C706 12.6.3.1: the 16-byte common header of every connection-oriented PDU. rpc_vers (1, 5),
 * rpc_vers_minor (1, 0 or 1), PTYPE (1), pfc_flags (1), packed_drep (4), frag_length (2),
 * auth_length (2), call_id (4). Only little-endian, ASCII, IEEE data representation is accepted
 * (drep 0x10 0 0 0), the one every SMB client sends.
 */
public record PduHeader(int minorVersion, PduType type, int flags, int fragLength, int authLength, int callId) {
    /** The header size. */
    public static final int SIZE = 16;
    /** pfc_flags: first fragment. */
    public static final int FIRST_FRAG = 0x01;
    /** pfc_flags: last fragment. */
    public static final int LAST_FRAG = 0x02;
    /** pfc_flags: both, an unfragmented PDU. */
    public static final int WHOLE = FIRST_FRAG | LAST_FRAG;
    /** pfc_flags: the request carries an object UUID. */
    public static final int OBJECT_UUID = 0x80;
    /** The auth_verifier's sec_trailer before the auth value ([MS-RPCE] 2.2.2.11). */
    static final int SEC_TRAILER_SIZE = 8;
    private static final int DREP_LITTLE_ENDIAN = 0x10;

    /** Reads and checks the header; {@code available} is the number of bytes in the fragment. */
    public static PduHeader decode(WireReader r, int available) throws MalformedMessageException {
        int major = r.u8();
        int minor = r.u8();
        if (major != 5 || minor > 1) {
            throw MalformedMessageException.body("RPC version " + major + "." + minor);
        }
        PduType type = PduType.ofCode(r.u8());
        int flags = r.u8();
        int drep = r.u32();
        if ((drep & 0xFF) != DREP_LITTLE_ENDIAN || (drep >>> 8) != 0) {
            throw MalformedMessageException.body(String.format("data representation 0x%08X", drep));
        }
        int fragLength = r.u16();
        int authLength = r.u16();
        int callId = r.u32();
        if (fragLength < SIZE || fragLength > available) {
            throw MalformedMessageException.body("frag_length " + fragLength + " of " + available + " bytes");
        }
        if (authLength > 0 && authLength + SEC_TRAILER_SIZE > fragLength - SIZE) {
            throw MalformedMessageException.body("auth_length " + authLength + " in a fragment of " + fragLength);
        }
        return new PduHeader(minor, type, flags, fragLength, authLength, callId);
    }

    /** Writes the header. */
    public void encode(WireWriter w) {
        w.u8(5).u8(minorVersion).u8(type.code()).u8(flags).u32(DREP_LITTLE_ENDIAN).u16(fragLength).u16(authLength)
                .u32(callId);
    }

    /** Where the body ends: before the auth verifier when there is one ([MS-RPCE] 2.2.2.11). */
    int bodyEnd() {
        return authLength == 0 ? fragLength : fragLength - authLength - SEC_TRAILER_SIZE;
    }

    /** A header for a PDU of {@code fragLength} bytes that this server sends (no auth, version 5.0). */
    static PduHeader of(PduType type, int flags, int fragLength, int callId) {
        return new PduHeader(0, type, flags, fragLength, 0, callId);
    }
}
