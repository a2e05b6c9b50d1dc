package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.util.UUID;

/**
 * C706 12.6.3.1 p_syntax_id_t: an interface or transfer syntax UUID and its version (major in the
 * low 16 bits, minor in the high 16). The UUID is in NDR order: time_low, time_mid and
 * time_hi_and_version little-endian, then the eight remaining bytes as they are.
 */
public record SyntaxId(UUID uuid, int version) {
    /** C706 14: the NDR 2.0 transfer syntax. */
    public static final SyntaxId NDR20 = new SyntaxId(UUID.fromString("8a885d04-1ceb-11c9-9fe8-08002b104860"), 2);
    /** The all-zero syntax used in rejected presentation results. */
    public static final SyntaxId NONE = new SyntaxId(new UUID(0, 0), 0);
    /** The encoded size. */
    static final int SIZE = 20;

    static SyntaxId decode(WireReader r) throws MalformedMessageException {
        long timeLow = r.u32() & 0xFFFFFFFFL;
        long timeMid = r.u16();
        long timeHi = r.u16();
        long msb = timeLow << 32 | timeMid << 16 | timeHi;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            lsb = lsb << 8 | r.u8();
        }
        return new SyntaxId(new UUID(msb, lsb), r.u32());
    }

    void encode(WireWriter w) {
        long msb = uuid.getMostSignificantBits();
        long lsb = uuid.getLeastSignificantBits();
        w.u32((int) (msb >>> 32)).u16((int) (msb >>> 16)).u16((int) msb);
        for (int i = 7; i >= 0; i--) {
            w.u8((int) (lsb >>> (8 * i)));
        }
        w.u32(version);
    }

    /**
     * [MS-RPCE] 3.3.1.5.3: a bind-time feature negotiation "transfer syntax": the UUID's first
     * eight bytes are 6cb71c2c-9812-4540, the last eight a bit mask of the client's features.
     */
    boolean isBindTimeFeatureNegotiation() {
        return uuid.getMostSignificantBits() == 0x6cb71c2c98124540L;
    }
}
