package dev.haven.files.snapshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.block.BlockDevice;
import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.service.CreateDisposition;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import dev.haven.files.service.OpenOptions;
import dev.haven.files.service.Principal;
import dev.haven.files.service.Share;
import dev.haven.files.service.SharePath;
import dev.haven.fs.CreateAttributes;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import dev.haven.testkit.ManualClock;
import dev.haven.volume.SnapshotKind;
import dev.haven.volume.Volume;
import dev.haven.volume.VolumeOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotCatalogTest {
    private static final Instant T0 = Instant.parse("2026-11-22T07:00:00.250Z");
    private static final Principal USER = new Principal("user");
    private static final AccessMask READ = AccessMask.of(AccessMask.FILE_GENERIC_READ);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock(T0);
    private Volume volume;
    private HavenFs fs;
    private Share live;
    private SnapshotCatalog catalog;
    private final FileService files = new FileService();

    @BeforeEach
    void setUp() throws IOException {
        volume = Volume.create(new dev.haven.volume.FileVolumeStore(dir), 8L << 20, Volume.MIN_BLOCK_SIZE,
                VolumeOptions.defaults().withoutBackgroundRestore().withClock(clock));
        fs = HavenFs.format(volume.production(), new FormatOptions(true, clock));
        Inode docs = fs.createDirectory(HavenFs.ROOT, "docs", new CreateAttributes(0755, 0, 0, 0));
        live = new Share("data", fs, docs.id(), false);
        catalog = new SnapshotCatalog(live, new VolumeSource(volume), clock);
    }

    @AfterEach
    void tearDown() throws IOException {
        catalog.close();
        fs.close();
        volume.close();
    }

    /** What haven-node wires: the volume's read-only snapshots. */
    private record VolumeSource(Volume volume) implements SnapshotSource {
        @Override
        public List<SnapshotPoint> readOnlySnapshots() {
            return volume.snapshots().stream().filter(s -> s.kind() == SnapshotKind.READ_ONLY)
                    .map(s -> new SnapshotPoint(s.name(), s.created())).toList();
        }

        @Override
        public BlockDevice view(String name) throws IOException {
            return volume.view(name);
        }
    }

    private void writeLive(String name, String content) throws IOException {
        Inode f;
        try {
            f = fs.lookup(live.root(), name);
        } catch (IOException missing) {
            f = fs.createFile(live.root(), name, new CreateAttributes(0644, 0, 0, 0));
        }
        fs.truncate(f.id(), 0);
        fs.write(f.id(), 0, ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
    }

    private void snapshot(String name) throws IOException {
        fs.sync();
        volume.createSnapshot(name);
    }

    private String read(Share share, String name) {
        Open o = files.open(share, SharePath.parse(name, '/'), CreateDisposition.OPEN, OpenOptions.NONE, READ,
                ShareAccess.ALL, USER).open();
        try {
            ByteBuffer b = ByteBuffer.allocate(100);
            int n = files.read(o, 0, b);
            return new String(b.array(), 0, n, StandardCharsets.UTF_8);
        } finally {
            files.close(o);
        }
    }

    @Test
    void listsOneVersionPerSnapshotNewestFirstAndServesEachAsItWas() throws IOException {
        writeLive("a.txt", "one");
        snapshot("first");
        clock.advance(Duration.ofMinutes(5));
        writeLive("a.txt", "two");
        snapshot("second");
        writeLive("a.txt", "three");

        Instant first = Instant.parse("2026-11-22T07:00:00Z");
        Instant second = Instant.parse("2026-11-22T07:05:00Z");
        assertEquals(List.of(second, first), catalog.versions());
        assertEquals("one", read(catalog.at(first).orElseThrow(), "a.txt"));
        assertEquals("two", read(catalog.at(second.plusMillis(999)).orElseThrow(), "a.txt"));
        assertEquals("three", read(live, "a.txt"));
        assertEquals(2, catalog.mountedCount());
    }

    @Test
    void findsNoVersionAtASecondWithoutSnapshot() throws IOException {
        snapshot("only");
        assertTrue(catalog.at(T0.plusSeconds(1)).isEmpty());
        assertTrue(catalog.at(T0.minusSeconds(1)).isEmpty());
    }

    @Test
    void twoSnapshotsInOneSecondAreOneVersionServedByTheNewer() throws IOException {
        writeLive("a.txt", "older");
        snapshot("s1");
        clock.advance(Duration.ofMillis(300));
        writeLive("a.txt", "newer");
        snapshot("s2");
        assertEquals(List.of(T0.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)), catalog.versions());
        assertEquals("newer", read(catalog.at(T0).orElseThrow(), "a.txt"));
    }

    @Test
    void versionsAreReadOnly() throws IOException {
        writeLive("a.txt", "one");
        snapshot("s");
        Share old = catalog.at(T0).orElseThrow();
        FileServiceException create = assertThrows(FileServiceException.class, () -> files.open(old,
                SharePath.parse("new.txt", '/'), CreateDisposition.CREATE, OpenOptions.NONE,
                AccessMask.of(AccessMask.FILE_ALL_ACCESS), ShareAccess.ALL, USER));
        assertEquals(FileServiceError.READ_ONLY, create.error());
        // Modify rights (read, write, delete): what the file's inherited DACL gives its user.
        Open o = files.open(old, SharePath.parse("a.txt", '/'), CreateDisposition.OPEN, OpenOptions.NONE,
                AccessMask.of(0x001301BF), ShareAccess.ALL, USER).open();
        try {
            assertEquals(FileServiceError.READ_ONLY, assertThrows(FileServiceException.class,
                    () -> files.write(o, 0, ByteBuffer.wrap(new byte[] {1}), false)).error());
            assertEquals(FileServiceError.READ_ONLY, assertThrows(FileServiceException.class,
                    () -> files.setDeleteOnClose(o, true)).error());
            assertEquals(FileServiceError.READ_ONLY, assertThrows(FileServiceException.class,
                    () -> files.rename(o, SharePath.parse("b.txt", '/'), false)).error());
        } finally {
            files.close(o);
        }
        assertEquals("one", read(old, "a.txt"));
    }

    @Test
    void versionOpensKeepTheirOwnShareModes() throws IOException {
        writeLive("a.txt", "one");
        snapshot("s");
        Open exclusive = files.open(live, SharePath.parse("a.txt", '/'), CreateDisposition.OPEN, OpenOptions.NONE,
                READ, ShareAccess.of(0), USER).open();
        try {
            assertEquals("one", read(catalog.at(T0).orElseThrow(), "a.txt"));
        } finally {
            files.close(exclusive);
        }
    }

    @Test
    void unmountsDeletedSnapshotsAndEverythingAtClose() throws IOException {
        snapshot("s1");
        clock.advance(Duration.ofSeconds(10));
        snapshot("s2");
        catalog.at(T0).orElseThrow();
        catalog.at(T0.plusSeconds(10)).orElseThrow();
        assertEquals(2, catalog.mountedCount());
        volume.delete("s1");
        assertEquals(1, catalog.versions().size());
        assertEquals(1, catalog.mountedCount());
        catalog.close();
        assertEquals(0, catalog.mountedCount());
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> catalog.at(T0.plusSeconds(10))).error());
    }

    @Test
    void aShareDirectoryYoungerThanTheSnapshotHasNoVersionThere() throws IOException {
        snapshot("s0");
        Inode younger = fs.createDirectory(HavenFs.ROOT, "younger", new CreateAttributes(0755, 0, 0, 0));
        try (SnapshotCatalog other = new SnapshotCatalog(new Share("y", fs, younger.id(), false),
                new VolumeSource(volume), clock)) {
            assertTrue(other.at(T0).isEmpty());
            assertEquals(1, other.versions().size());
        }
    }
}
