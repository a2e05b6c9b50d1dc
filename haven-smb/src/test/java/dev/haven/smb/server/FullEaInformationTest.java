package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.service.ExtendedAttribute;
import dev.haven.files.service.ExtendedAttributes;
import dev.haven.smb.wire.NtStatus;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** [MS-FSCC] 2.4.15 FILE_FULL_EA_INFORMATION and 2.4.15.1 FILE_GET_EA_INFORMATION on the wire. */
class FullEaInformationTest {
    private static ExtendedAttribute ea(String name, String value, int flags) {
        return new ExtendedAttribute(name, value.getBytes(StandardCharsets.US_ASCII), flags);
    }

    @Test
    void encodesAlignedEntriesWithTheLastUnpadded() throws Exception {
        byte[] golden = HexFormat.of().parseHex(
                "10000000" + "00" + "01" + "0300" + "41" + "00" + "78797a" + "000000"   // "A"="xyz": 13 bytes, padded to 16
                + "00000000" + "80" + "02" + "0100" + "4243" + "00" + "7a");         // "BC"="z", FILE_NEED_EA
        List<ExtendedAttribute> eas = List.of(ea("A", "xyz", 0), ea("BC", "z", ExtendedAttribute.NEED_EA));
        assertArrayEquals(golden, FullEaInformation.encode(eas));
        assertEquals(golden.length, ExtendedAttributes.packedSize(eas), "EaSize counts the packed list");
        List<ExtendedAttribute> back = FullEaInformation.decode(golden);
        assertEquals(List.of("A", "BC"), back.stream().map(ExtendedAttribute::name).toList());
        assertArrayEquals("z".getBytes(StandardCharsets.US_ASCII), back.get(1).value());
        assertEquals(ExtendedAttribute.NEED_EA, back.get(1).flags());
    }

    @Test
    void malformedListsAreInconsistentAtEverySplit() {
        byte[] good = FullEaInformation.encode(List.of(ea("NAME", "value", 0), ea("OTHER", "v", 0)));
        for (int cut = 0; cut < good.length; cut++) {
            byte[] part = java.util.Arrays.copyOf(good, cut);
            assertEquals(NtStatus.EA_LIST_INCONSISTENT,
                    assertThrows(SmbStatusException.class, () -> FullEaInformation.decode(part)).status(), "cut " + cut);
        }
        byte[] misaligned = good.clone();
        misaligned[0] = 17;
        assertEquals(NtStatus.EA_LIST_INCONSISTENT,
                assertThrows(SmbStatusException.class, () -> FullEaInformation.decode(misaligned)).status());
    }

    @Test
    void readsTheNamesAQueryAsksFor() throws Exception {
        byte[] names = HexFormat.of().parseHex("08000000" + "02" + "4142" + "00" + "00000000" + "01" + "43" + "00");
        assertEquals(List.of("AB", "C"), FullEaInformation.decodeNames(names));
        assertEquals(List.of(), FullEaInformation.decodeNames(new byte[0]));
        assertEquals(NtStatus.EA_LIST_INCONSISTENT, assertThrows(SmbStatusException.class,
                () -> FullEaInformation.decodeNames(java.util.Arrays.copyOf(names, 6))).status());
    }
}
