package dev.haven.files.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecurityDescriptorTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void encodesWellKnownSidsAsDtypSays() {
        // [MS-DTYP] 2.4.2.2: S-1-5-32-544 is 01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00.
        assertArrayEquals(HEX.parseHex("01020000000000052000000020020000"), Sid.ADMINISTRATORS.toBytes());
        assertArrayEquals(HEX.parseHex("010100000000000100000000"), Sid.EVERYONE.toBytes());
        assertEquals("S-1-5-32-544", Sid.decode(Sid.ADMINISTRATORS.toBytes(), 0).toString());
    }

    @Test
    void parsesAndPrintsSidStrings() {
        Sid s = Sid.parse("S-1-5-21-4294967295-1-2-1000");
        assertEquals("S-1-5-21-4294967295-1-2-1000", s.toString());
        assertEquals(Sid.parse("S-1-5-21-1-2-3").withRid(513), Sid.parse("S-1-5-21-1-2-3-513"));
        assertThrows(IllegalArgumentException.class, () -> Sid.parse("S-2-5"));
        assertThrows(IllegalArgumentException.class, () -> Sid.parse("X-1-5"));
    }

    /**
     * O:BA G:BU D:(A;;FA;;;WD) in self-relative form, written out field by field from
     * [MS-DTYP] 2.4.6 (header), 2.4.5 (ACL), 2.4.4.2 (ACCESS_ALLOWED_ACE) and 2.4.2.2 (SIDs).
     */
    private static final String GOLDEN = ""
            + "0100" + "0480" // Revision 1, Sbz1, Control = SE_DACL_PRESENT | SE_SELF_RELATIVE
            + "30000000" + "40000000" // OffsetOwner 0x30, OffsetGroup 0x40
            + "00000000" + "14000000" // no SACL, OffsetDacl 0x14
            + "02001c00" + "01000000" // ACL: revision 2, AclSize 28, AceCount 1
            + "00001400" + "ff011f00" + "010100000000000100000000" // ACE: allowed, size 20, FILE_ALL_ACCESS, Everyone
            + "01020000000000052000000020020000" // owner S-1-5-32-544
            + "01020000000000052000000021020000"; // group S-1-5-32-545

    @Test
    void encodesGoldenBytes() {
        SecurityDescriptor sd = new SecurityDescriptor(0, Sid.ADMINISTRATORS, Sid.USERS, null,
                Acl.of(List.of(Ace.Simple.allow(Sid.EVERYONE, 0x001F01FF, 0))));
        assertEquals(GOLDEN, HEX.formatHex(sd.encode()));
        assertEquals(sd, SecurityDescriptor.decode(HEX.parseHex(GOLDEN)));
    }

    @Test
    void decodesOwnerBeforeDaclLayoutAsWellAsWindowsOrder() {
        // The old Haven encoder wrote owner, group, then DACL: any order must read the same.
        byte[] ownerFirst = HEX.parseHex("01000480" + "14000000" + "24000000" + "00000000" + "34000000"
                + "01020000000000052000000020020000" + "01020000000000052000000021020000"
                + "02001c00010000000000140" + "0ff011f00010100000000000100000000");
        assertEquals(SecurityDescriptor.decode(HEX.parseHex(GOLDEN)), SecurityDescriptor.decode(ownerFirst));
    }

    @Test
    void keepsNullDaclApartFromEmptyDacl() {
        SecurityDescriptor nullDacl = new SecurityDescriptor(SecurityDescriptor.DACL_PRESENT, Sid.USERS, null, null, null);
        SecurityDescriptor back = SecurityDescriptor.decode(nullDacl.encode());
        assertTrue((back.control() & SecurityDescriptor.DACL_PRESENT) != 0);
        assertNull(back.dacl());
        assertTrue(back.grantsEverything());
        SecurityDescriptor empty = new SecurityDescriptor(0, Sid.USERS, null, null, Acl.of(List.of()));
        assertEquals(0, SecurityDescriptor.decode(empty.encode()).dacl().aces().size());
    }

    @Test
    void keepsUnknownAceTypesByteForByte() {
        Ace other = new Ace.Other(0x05, 0x02, HEX.parseHex("0100000001000000" + "010100000000000100000000"));
        SecurityDescriptor sd = new SecurityDescriptor(0, null, null, null, Acl.of(List.of(other)));
        assertEquals(sd, SecurityDescriptor.decode(sd.encode()));
    }

    @Test
    void rejectsTruncatedAndInconsistentBytes() {
        byte[] golden = HEX.parseHex(GOLDEN);
        for (int n = 0; n < golden.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(golden, n);
            assertThrows(MalformedDescriptorException.class, () -> SecurityDescriptor.decode(cut), "cut at " + n);
        }
        byte[] notSelfRelative = golden.clone();
        notSelfRelative[3] = 0;
        assertThrows(MalformedDescriptorException.class, () -> SecurityDescriptor.decode(notSelfRelative));
        byte[] hugeAce = golden.clone();
        hugeAce[0x14 + 8 + 2] = (byte) 0xF0;
        assertThrows(MalformedDescriptorException.class, () -> SecurityDescriptor.decode(hugeAce));
    }

    @Test
    void selectsOnlyTheAskedParts() {
        SecurityDescriptor sd = SecurityDescriptor.decode(HEX.parseHex(GOLDEN));
        SecurityDescriptor ownerOnly = sd.select(SecurityDescriptor.OWNER_INFO);
        assertEquals(Sid.ADMINISTRATORS, ownerOnly.owner());
        assertNull(ownerOnly.group());
        assertNull(ownerOnly.dacl());
        assertEquals(0, ownerOnly.control() & SecurityDescriptor.DACL_PRESENT);
        assertEquals(20, sd.select(0).encode().length);
    }

    @Test
    void mergeReplacesOnlyTheNamedParts() {
        SecurityDescriptor sd = SecurityDescriptor.decode(HEX.parseHex(GOLDEN));
        SecurityDescriptor update = new SecurityDescriptor(0, Sid.EVERYONE, Sid.SYSTEM, null, Acl.of(List.of()));
        SecurityDescriptor daclOnly = sd.merge(update, SecurityDescriptor.DACL_INFO);
        assertEquals(Sid.ADMINISTRATORS, daclOnly.owner());
        assertEquals(0, daclOnly.dacl().aces().size());
        SecurityDescriptor ownerOnly = sd.merge(update, SecurityDescriptor.OWNER_INFO);
        assertEquals(Sid.EVERYONE, ownerOnly.owner());
        assertEquals(Sid.USERS, ownerOnly.group());
        assertEquals(sd.dacl(), ownerOnly.dacl());
        // A DACL part without SE_DACL_PRESENT sets a NULL DACL (as Windows; smb2.create.nulldacl).
        SecurityDescriptor none = sd.merge(new SecurityDescriptor(0, null, null, null, null), SecurityDescriptor.DACL_INFO);
        assertNull(none.dacl());
        assertTrue((none.control() & SecurityDescriptor.DACL_PRESENT) != 0);
    }
}
