package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.block.BlockDevice;
import dev.haven.files.service.Share;
import dev.haven.files.service.SharePath;
import dev.haven.files.snapshot.SnapshotCatalog;
import dev.haven.files.snapshot.SnapshotPoint;
import dev.haven.files.snapshot.SnapshotSource;
import dev.haven.fs.CreateAttributes;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.smb.wire.CreateContext;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.NtStatus;
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** [MS-SMB2] 2.2.13.2.7 TWrp and @GMT- path tokens choosing the share a CREATE opens in. */
class PreviousVersionsTest {
    private static final Instant FIRST = Instant.parse("2026-11-22T07:00:00Z");
    private static final Instant SECOND = Instant.parse("2026-11-22T08:30:15Z");

    private final MemoryBlockDevice device = new MemoryBlockDevice("fs", 4096, 4096);
    private HavenFs fs;
    private Share live;
    private SnapshotCatalog catalog;
    private ShareConfig config;

    /** Snapshots as copies of the memory device. */
    private static final class Copies implements SnapshotSource {
        final List<SnapshotPoint> points = new ArrayList<>();
        final Map<String, MemoryBlockDevice> images = new HashMap<>();

        @Override
        public List<SnapshotPoint> readOnlySnapshots() {
            return List.copyOf(points);
        }

        @Override
        public BlockDevice view(String name) {
            return images.get(name).copy(name).setReadOnly(true);
        }
    }

    @BeforeEach
    void setUp() throws Exception {
        fs = HavenFs.format(device, new FormatOptions(true, Clock.systemUTC()));
        fs.createDirectory(HavenFs.ROOT, "dir", new CreateAttributes(0755, 0, 0, 0));
        fs.sync();
        Copies source = new Copies();
        for (Instant t : List.of(FIRST, SECOND)) {
            String name = "s" + source.points.size();
            source.points.add(new SnapshotPoint(name, t.plusMillis(250)));
            source.images.put(name, device.copy(name));
        }
        live = Share.of("data", fs, false);
        catalog = new SnapshotCatalog(live, source, Clock.systemUTC());
        config = new ShareConfig(live, false, catalog);
    }

    @AfterEach
    void tearDown() throws Exception {
        catalog.close();
        fs.close();
    }

    private static CreateRequest create(String name, List<CreateContext> contexts) {
        return new CreateRequest(0, 2, 0x80, 0, 7, 1, 0, name, contexts);
    }

    private static CreateContext twrp(Instant t) {
        long filetime = InfoEncoding.filetime(t.getEpochSecond() * 10_000_000L + t.getNano() / 100);
        return new CreateContext("TWrp", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(filetime).array());
    }

    @Test
    void plainNamesOpenTheLiveShare() throws Exception {
        PreviousVersions.Target t = resolve(config, live, create("dir\\file", List.of()));
        assertSame(live, t.share());
        assertEquals(SharePath.parse("dir/file", '/'), t.path());
    }

    @Test
    void aTokenAnywhereInThePathOpensThatVersionWithoutTheToken() throws Exception {
        for (String name : List.of("@GMT-2026.11.22-07.00.00\\dir\\file", "dir\\@GMT-2026.11.22-07.00.00\\file",
                "dir\\file\\@GMT-2026.11.22-07.00.00")) {
            PreviousVersions.Target t = resolve(config, live, create(name, List.of()));
            assertNotSame(live, t.share(), name);
            assertSame(catalog.at(FIRST).orElseThrow(), t.share(), name);
            assertEquals(SharePath.parse("dir/file", '/'), t.path(), name);
        }
        PreviousVersions.Target root = resolve(config, live,
                create("@GMT-2026.11.22-08.30.15", List.of()));
        assertSame(catalog.at(SECOND).orElseThrow(), root.share());
        assertEquals(SharePath.ROOT, root.path());
    }

    @Test
    void twrpOpensTheVersionOfItsSecondAndWinsOverAToken() throws Exception {
        PreviousVersions.Target t = resolve(config, live,
                create("dir", List.of(twrp(SECOND.plusMillis(700)))));
        assertSame(catalog.at(SECOND).orElseThrow(), t.share());
        PreviousVersions.Target both = resolve(config, live,
                create("@GMT-2026.11.22-07.00.00\\dir", List.of(twrp(SECOND))));
        assertSame(catalog.at(SECOND).orElseThrow(), both.share());
        assertEquals(SharePath.parse("dir", '/'), both.path());
    }

    @Test
    void aTimeWithoutSnapshotIsNameNotFound() {
        assertStatus(NtStatus.OBJECT_NAME_NOT_FOUND, config, create("@GMT-2026.11.22-07.00.01\\dir", List.of()));
        assertStatus(NtStatus.OBJECT_NAME_NOT_FOUND, config, create("dir", List.of(twrp(FIRST.minusSeconds(1)))));
        assertStatus(NtStatus.OBJECT_NAME_NOT_FOUND, new ShareConfig(live, false),
                create("@GMT-2026.11.22-07.00.00\\dir", List.of()));
    }

    @Test
    void aTwrpThatIsNotEightBytesIsInvalid() {
        assertStatus(NtStatus.INVALID_PARAMETER, config, create("dir", List.of(new CreateContext("TWrp", new byte[7]))));
    }

    @Test
    void malformedTokensStayOrdinaryNames() throws Exception {
        PreviousVersions.Target t = resolve(config, live,
                create("@GMT-2026.13.22-07.00.00\\file", List.of()));
        assertSame(live, t.share());
        assertEquals(List.of("@GMT-2026.13.22-07.00.00", "file"), t.path().components());
    }

    @Test
    void listsTokensNewestFirst() {
        assertEquals(List.of("@GMT-2026.11.22-08.30.15", "@GMT-2026.11.22-07.00.00"), PreviousVersions.tokens(config));
        assertEquals(List.of(), PreviousVersions.tokens(new ShareConfig(live, false)));
    }

    private void assertStatus(NtStatus want, ShareConfig c, CreateRequest req) {
        assertEquals(want, assertThrows(SmbStatusException.class, () -> resolve(c, live, req)).status());
    }

    /** Resolves a request's whole name, as CreateHandler does for a name without a stream suffix. */
    private static PreviousVersions.Target resolve(ShareConfig config, Share live, CreateRequest req)
            throws SmbStatusException {
        return PreviousVersions.resolve(config, live, req.name(), req);
    }
}
