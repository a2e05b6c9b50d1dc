package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.service.FileAttributes;
import dev.haven.files.service.VolumeInfo;
import java.util.HexFormat;
import java.util.UUID;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.QueryInfoResponse;
import dev.haven.smb.wire.WireWriter;
import org.junit.jupiter.api.Test;

/** Sizes and layouts of the [MS-FSCC] information classes and the [MS-SMB2] 3.3.5.20 buffer rules. */
class InfoClassesTest {
    private static final FileAttributes FILE = new FileAttributes(42, 1, false, 10, 4096, 0, 0, 0, 0, 0x20, 1, false);

    @Test
    void directoryClassesHaveTheirFixedSizesPlusTheName() {
        int name = 2 * "abc".length();
        assertEquals(64 + name, DirectoryInfoClasses.encode(DirectoryInfoClasses.DIRECTORY, "abc", FILE, 0).length);
        assertEquals(68 + name, DirectoryInfoClasses.encode(DirectoryInfoClasses.FULL_DIRECTORY, "abc", FILE, 0).length);
        assertEquals(80 + name, DirectoryInfoClasses.encode(DirectoryInfoClasses.ID_FULL_DIRECTORY, "abc", FILE, 0).length);
        assertEquals(94 + name, DirectoryInfoClasses.encode(DirectoryInfoClasses.BOTH_DIRECTORY, "abc", FILE, 0).length);
        assertEquals(104 + name, DirectoryInfoClasses.encode(DirectoryInfoClasses.ID_BOTH_DIRECTORY, "abc", FILE, 0).length);
        assertEquals(12 + name, DirectoryInfoClasses.encode(DirectoryInfoClasses.NAMES, "abc", FILE, 0).length);
    }

    @Test
    void fixedClassesAreRefusedWhenTheBufferIsShortAndVariableOnesOverflow() throws Exception {
        InfoEncoding.Encoded basic = new InfoEncoding.Encoded(new byte[40], 40);
        SmbStatusException e = assertThrows(SmbStatusException.class, () -> basic.reply(39));
        assertEquals(NtStatus.INFO_LENGTH_MISMATCH, e.status());
        InfoEncoding.Encoded all = new InfoEncoding.Encoded(new byte[120], 100);
        Reply.Respond r = (Reply.Respond) all.reply(110);
        assertEquals(NtStatus.BUFFER_OVERFLOW, r.status());
        assertEquals(110, ((QueryInfoResponse) r.body()).buffer().length);
        assertThrows(SmbStatusException.class, () -> all.reply(99));
        assertEquals(NtStatus.SUCCESS, ((Reply.Respond) all.reply(120)).status());
    }

    @Test
    void fileSystemClassesUseWindowsMinimumBufferSizes() throws Exception {
        // smbtorture smb2.getinfo.qfs_buffercheck: Volume needs 24 bytes, Attribute 16, Control is 48.
        VolumeInfo v = new VolumeInfo(UUID.randomUUID(), 4096, 100, 50, true, false);
        InfoEncoding.Encoded volume = FsInfoClasses.encode(FsInfoClasses.VOLUME, v, "data");
        assertEquals(NtStatus.INFO_LENGTH_MISMATCH, assertThrows(SmbStatusException.class, () -> volume.reply(23)).status());
        assertEquals(NtStatus.BUFFER_OVERFLOW, ((Reply.Respond) volume.reply(24)).status());
        InfoEncoding.Encoded attribute = FsInfoClasses.encode(FsInfoClasses.ATTRIBUTE, v, "data");
        assertEquals(NtStatus.INFO_LENGTH_MISMATCH, assertThrows(SmbStatusException.class, () -> attribute.reply(15)).status());
        assertEquals(48, FsInfoClasses.encode(FsInfoClasses.CONTROL, v, "data").bytes().length);
        assertEquals(64, FsInfoClasses.encode(FsInfoClasses.OBJECT_ID, v, "data").bytes().length);
    }

    @Test
    void aNameThatFitsEightDotThreeIsItsOwnShortNameAndOthersGetAStableDerivedOne() throws Exception {
        InfoEncoding.Encoded shortName = FileInfoClasses.alternateName(new WireWriter(), "dir\\bufsize.txt");
        assertEquals(4 + 2 * "bufsize.txt".length(), shortName.bytes().length);
        java.util.regex.Pattern eightDotThree = java.util.regex.Pattern.compile("[A-Z0-9_!#$%&'()@^`{}~-]{1,8}(\\.[A-Z0-9_!#$%&'()@^`{}~-]{1,3})?");
        for (String longName : new String[] {"a long name.txt", "toolongname.txt", "x.html", "a.b.c", ".profile",
                "torture_smb2_getfinfo_access", "ünïcode.データ"}) {
            String s = ShortNames.of(longName);
            assertTrue(eightDotThree.matcher(s).matches(), longName + " -> " + s);
            assertEquals(s, ShortNames.of(longName), "stable");
        }
        assertEquals("TOOL~", ShortNames.of("toolongname.txt").substring(0, 5));
        assertTrue(ShortNames.of("toolongname.txt").endsWith(".TXT"));
        assertNotEquals(ShortNames.of("toolongname1.txt"), ShortNames.of("toolongname2.txt"));
        assertEquals(NtStatus.OBJECT_NAME_NOT_FOUND, assertThrows(SmbStatusException.class,
                () -> FileInfoClasses.alternateName(new WireWriter(), "")).status(), "the share root");
    }

    /** [MS-FSCC] 2.4.30: SMB 3.1.1 only; the name has no leading backslash. */
    @Test
    void normalizedNameNeedsSmb311() throws Exception {
        assertEquals(NtStatus.NOT_SUPPORTED, assertThrows(SmbStatusException.class,
                () -> FileInfoClasses.normalizedName(dev.haven.smb.Dialect.SMB_3_0_2, "a")).status());
        assertArrayEquals(new byte[] {6, 0, 0, 0, 'D', 0, '\\', 0, 'f', 0},
                FileInfoClasses.normalizedName(dev.haven.smb.Dialect.SMB_3_1_1, "D\\f").bytes());
        assertEquals(4, FileInfoClasses.normalizedName(dev.haven.smb.Dialect.SMB_3_1_1, "").bytes().length);
    }

    @Test
    void filetimesCountFrom1601() {
        assertEquals(116_444_736_000_000_000L, InfoEncoding.filetime(0));
        assertEquals(5, InfoEncoding.ticks(InfoEncoding.filetime(5)));
    }

    /** [MS-SMB2] 2.2.13.2: the "SecD" create context carries a self-relative descriptor ([MS-DTYP] 2.4.6). */
    @Test
    void readsTheSecurityDescriptorCreateContext() throws Exception {
        byte[] golden = HexFormat.of().parseHex("""
                01 00 04 80 14 00 00 00 24 00 00 00 00 00 00 00 34 00 00 00
                01 02 00 00 00 00 00 05 20 00 00 00 20 02 00 00
                01 02 00 00 00 00 00 05 20 00 00 00 21 02 00 00
                02 00 1c 00 01 00 00 00
                00 00 14 00 ff 01 1f 00 01 01 00 00 00 00 00 01 00 00 00 00""".replaceAll("\\s", ""));
        dev.haven.files.security.SecurityDescriptor sd = SecurityDescriptors.fromCreateContexts(
                java.util.List.of(new dev.haven.smb.wire.CreateContext("MxAc", new byte[0]),
                        new dev.haven.smb.wire.CreateContext("SecD", golden)));
        assertEquals(dev.haven.files.security.Sid.ADMINISTRATORS, sd.owner());
        assertEquals(1, sd.dacl().aces().size());
        assertEquals(null, SecurityDescriptors.fromCreateContexts(java.util.List.of()));
        SmbStatusException bad = org.junit.jupiter.api.Assertions.assertThrows(SmbStatusException.class,
                () -> SecurityDescriptors.decode(java.util.Arrays.copyOf(golden, 30)));
        assertEquals(dev.haven.smb.wire.NtStatus.INVALID_SECURITY_DESCR, bad.status());
    }
}
