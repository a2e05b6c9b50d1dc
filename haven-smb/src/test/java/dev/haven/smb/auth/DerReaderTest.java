package dev.haven.smb.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The strict DER subset: definite minimal lengths, single-byte tags, nothing past the end. */
class DerReaderTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void readsShortAndLongFormLengths() throws Exception {
        byte[] big = new byte[300];
        byte[] encoded = DerWriter.tlv(DerReader.OCTET_STRING, big);
        assertEquals("0482012c", HEX.formatHex(encoded, 0, 4));
        DerReader r = new DerReader(encoded);
        assertArrayEquals(big, r.read(DerReader.OCTET_STRING).content());
        r.expectEnd();
        assertEquals("048180", HEX.formatHex(DerWriter.tlv(DerReader.OCTET_STRING, new byte[128]), 0, 3));
    }

    @Test
    void rejectsIndefiniteNonMinimalAndOversizedLengths() {
        for (String bad : new String[] {"0480", "04810100", "0482000100", "0484010000000000", "0405010203", "1f0100",
            "04"}) {
            assertThrows(MalformedTokenException.class, () -> new DerReader(HEX.parseHex(bad)).read(DerReader.OCTET_STRING), bad);
        }
    }

    @Test
    void rejectsWrongTagsAndTrailingBytes() throws Exception {
        assertThrows(MalformedTokenException.class, () -> new DerReader(HEX.parseHex("0400")).read(DerReader.OID));
        DerReader r = new DerReader(HEX.parseHex("040000"));
        r.read(DerReader.OCTET_STRING);
        assertThrows(MalformedTokenException.class, r::expectEnd);
    }
}
