package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.security.Sid;
import dev.haven.files.security.Token;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Extended attributes on HavenFS through the file service's opens. */
class ExtendedAttributesTest extends FileServiceFixture {
    private static final Principal ALICE = new Principal("alice", Token.ofUser(Sid.parse("S-1-5-21-1-2-3").withRid(1000)));

    private Open open(Share on, String p, CreateDisposition d, int access) {
        return service.open(on, SharePath.parse(p, '/'), d, OpenOptions.NONE, AccessMask.of(access), ShareAccess.ALL,
                ALICE).open();
    }

    private static ExtendedAttribute ea(String name, String value) {
        return new ExtendedAttribute(name, value.getBytes(StandardCharsets.US_ASCII), 0);
    }

    private static List<String> names(List<ExtendedAttribute> eas) {
        return eas.stream().map(e -> e.name() + "=" + new String(e.value(), StandardCharsets.US_ASCII)).toList();
    }

    private void fails(FileServiceError kind, Runnable r) {
        assertEquals(kind, assertThrows(FileServiceException.class, r::run).error());
    }

    @Test
    void setsListsReplacesCaseInsensitivelyAndDeletesByEmptyValue() {
        Open f = open(share, "f", CreateDisposition.CREATE, AccessMask.FILE_ALL_ACCESS);
        assertEquals(List.of(), ExtendedAttributes.list(f));
        assertEquals(0, ExtendedAttributes.size(f));
        ExtendedAttributes.set(f, List.of(ea("EaOne", "VALUE1"), ea("SecondEA", "ValueTwo")));
        assertEquals(List.of("EAONE=VALUE1", "SECONDEA=ValueTwo"), names(ExtendedAttributes.list(f)));
        // 9 + 5 + 6 = 20 (aligned, 20) then 9 + 8 + 8 = 25: as FileFullEaInformation packs them.
        assertEquals(45, ExtendedAttributes.size(f));
        ExtendedAttributes.set(f, List.of(ea("eaone", "other"), ea("secondea", "")));
        assertEquals(List.of("EAONE=other"), names(ExtendedAttributes.list(f)));
        ExtendedAttributes.set(f, List.of(ea("missing", "")));
        assertEquals(1, ExtendedAttributes.list(f).size());
        service.close(f);
    }

    @Test
    void keepsTheNeedEaFlagAndNamedStreamsShareTheirFilesEas() {
        Open f = open(share, "f", CreateDisposition.CREATE, AccessMask.FILE_ALL_ACCESS);
        ExtendedAttributes.set(f, List.of(new ExtendedAttribute("N", new byte[] {1}, ExtendedAttribute.NEED_EA | 0x1)));
        assertEquals(ExtendedAttribute.NEED_EA, ExtendedAttributes.list(f).get(0).flags());
        Open s = service.open(share, SharePath.parse("f", '/'), CreateDisposition.CREATE,
                new OpenOptions(false, false, false, false, 0, null, "st"), AccessMask.of(AccessMask.FILE_ALL_ACCESS),
                ShareAccess.ALL, ALICE).open();
        assertEquals(List.of("N"), ExtendedAttributes.list(s).stream().map(ExtendedAttribute::name).toList());
        service.close(s);
        service.close(f);
    }

    @Test
    void readingNeedsReadEaAndWritingWriteEa() {
        service.close(open(share, "f", CreateDisposition.CREATE, AccessMask.FILE_ALL_ACCESS));
        Open attrs = open(share, "f", CreateDisposition.OPEN, AccessMask.FILE_READ_ATTRIBUTES | AccessMask.FILE_WRITE_DATA);
        fails(FileServiceError.ACCESS_DENIED, () -> ExtendedAttributes.list(attrs));
        fails(FileServiceError.ACCESS_DENIED, () -> ExtendedAttributes.set(attrs, List.of(ea("A", "1"))));
        assertEquals(0, ExtendedAttributes.size(attrs));
        Open write = open(share, "f", CreateDisposition.OPEN, AccessMask.FILE_WRITE_EA);
        ExtendedAttributes.set(write, List.of(ea("A", "1")));
        fails(FileServiceError.ACCESS_DENIED, () -> ExtendedAttributes.list(write));
        service.close(attrs);
        service.close(write);
    }

    @Test
    void refusesBadNamesAndTooMuchWithClearErrors() {
        Open f = open(share, "f", CreateDisposition.CREATE, AccessMask.FILE_ALL_ACCESS);
        for (String bad : new String[] {"", "a:b", "a*", "a\\b", "tab\t", "é", "x".repeat(248)}) {
            fails(FileServiceError.INVALID_EA_NAME, () -> ExtendedAttributes.set(f, List.of(ea(bad, "v"))));
        }
        ExtendedAttributes.set(f, List.of(ea("x".repeat(247), "v")));
        fails(FileServiceError.EA_TOO_LARGE, () -> ExtendedAttributes.set(f,
                List.of(new ExtendedAttribute("BIG", new byte[65536], 0))));
        ExtendedAttributes.set(f, List.of(new ExtendedAttribute("ONE", new byte[40000], 0)));
        fails(FileServiceError.EA_TOO_LARGE, () -> ExtendedAttributes.set(f,
                List.of(new ExtendedAttribute("TWO", new byte[40000], 0))));
        assertEquals(2, ExtendedAttributes.list(f).size(), "a refused change changes nothing");
        service.close(f);
    }

    @Test
    void survivesARemountAndReadsOnAReadOnlyShare() throws Exception {
        MemoryBlockDevice device = new MemoryBlockDevice("eas", 4096, 8192);
        HavenFs first = HavenFs.format(device, new FormatOptions(true, java.time.Clock.systemUTC()));
        Share s = Share.of("eas", first, false);
        Open f = open(s, "kept", CreateDisposition.CREATE, AccessMask.FILE_ALL_ACCESS);
        ExtendedAttributes.set(f, List.of(ea("Kept", "across remounts")));
        service.close(f);
        first.close();
        try (HavenFs again = HavenFs.mount(device)) {
            Share ro = Share.of("eas", again, true);
            Open g = open(ro, "KEPT", CreateDisposition.OPEN, AccessMask.FILE_READ_EA);
            assertArrayEquals("across remounts".getBytes(StandardCharsets.US_ASCII),
                    ExtendedAttributes.list(g).get(0).value());
            fails(FileServiceError.ACCESS_DENIED, () -> ExtendedAttributes.set(g, List.of(ea("KEPT", ""))));
            service.close(g);
        }
    }
}
