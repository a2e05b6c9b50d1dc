package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Named streams through the file service, on HavenFS over a MemoryBlockDevice. */
class FileServiceStreamsTest {
    private static final Principal USER = new Principal("user");
    private static final AccessMask ALL = AccessMask.of(AccessMask.FILE_ALL_ACCESS);

    private HavenFs fs;
    private Share share;
    private final FileService service = new FileService();

    @BeforeEach
    void format() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16384), new FormatOptions(true, java.time.Clock.systemUTC()));
        share = Share.of("data", fs, false);
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    private OpenResult open(String file, String stream, CreateDisposition d, OpenOptions o, ShareAccess sa) {
        return service.open(share, SharePath.parse(file, '/'), d, o.withStream(stream), ALL, sa, USER);
    }

    private static byte[] read(FileService service, Open o, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && service.read(o, b.position(), b) > 0) {
            // keep reading
        }
        return b.array();
    }

    @Test
    void createsAStreamAndItsFileAndKeepsTheirDataApart() {
        OpenResult s = open("f", "alt", CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.ALL);
        assertEquals(CreateAction.CREATED, s.action());
        service.write(s.open(), 0, ByteBuffer.wrap(new byte[] {1, 2, 3}), false);
        Open f = open("f", null, CreateDisposition.OPEN, OpenOptions.NONE, ShareAccess.ALL).open();
        service.write(f, 0, ByteBuffer.wrap(new byte[] {9}), false);
        assertEquals(List.of(new StreamInfo("::$DATA", 1, 4096), new StreamInfo(":alt:$DATA", 3, 4096)),
                service.streams(f));
        assertEquals(service.streams(f), service.streams(s.open()));
        assertArrayEquals(new byte[] {1, 2, 3}, read(service, s.open(), 3));
        // Basic information is the file's: a stream open reports the file's id and the stream's size.
        assertEquals(service.attributes(f).fileId(), service.attributes(s.open()).fileId());
        assertEquals(3, service.attributes(s.open()).size());
        service.close(s.open());
        service.close(f);
    }

    @Test
    void holdsMultiMebibyteStreams() {
        Open s = open("big", "data", CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.ALL).open();
        byte[] data = new byte[3 << 20];
        new Random(42).nextBytes(data);
        service.write(s, 0, ByteBuffer.wrap(data), false);
        assertArrayEquals(data, read(service, s, data.length));
        service.close(s);
    }

    @Test
    void dispositionsApplyToTheStream() {
        service.close(open("f", null, CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.ALL).open());
        assertEquals(FileServiceError.NOT_FOUND, assertThrows(FileServiceException.class,
                () -> open("f", "s", CreateDisposition.OPEN, OpenOptions.NONE, ShareAccess.ALL)).error());
        Open s = open("f", "s", CreateDisposition.OPEN_IF, OpenOptions.NONE, ShareAccess.ALL).open();
        service.write(s, 0, ByteBuffer.wrap(new byte[10]), false);
        service.close(s);
        assertEquals(FileServiceError.EXISTS, assertThrows(FileServiceException.class,
                () -> open("f", "s", CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.ALL)).error());
        OpenResult o = open("f", "s", CreateDisposition.OVERWRITE, OpenOptions.NONE, ShareAccess.ALL);
        assertEquals(0, service.attributes(o.open()).size());
        service.close(o.open());
    }

    @Test
    void shareModesArePerStreamButDeleteOfTheFileNeedsTheStreamsToShareIt() {
        Open s = open("f", "s", CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.NONE).open();
        Open f = service.open(share, SharePath.parse("f", '/'), CreateDisposition.OPEN, OpenOptions.NONE,
                AccessMask.of(AccessMask.FILE_GENERIC_READ | AccessMask.FILE_GENERIC_WRITE), ShareAccess.ALL, USER).open();
        service.close(f);
        assertEquals(FileServiceError.SHARING_VIOLATION, assertThrows(FileServiceException.class,
                () -> open("f", "s", CreateDisposition.OPEN, OpenOptions.NONE, ShareAccess.ALL)).error());
        assertEquals(FileServiceError.SHARING_VIOLATION, assertThrows(FileServiceException.class,
                () -> service.open(share, SharePath.parse("f", '/'), CreateDisposition.OPEN, OpenOptions.NONE,
                        AccessMask.of(AccessMask.DELETE), ShareAccess.ALL, USER)).error());
        service.close(s);
    }

    @Test
    void streamsGoWithTheirFileAndDeleteOnCloseDeletesOneStream() throws Exception {
        service.close(open("f", "a", CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.ALL).open());
        service.close(open("f", "b", CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.ALL).open());
        service.close(open("f", "a", CreateDisposition.OPEN, new OpenOptions(false, true, true, false),
                ShareAccess.ALL).open());
        Open f = open("f", null, CreateDisposition.OPEN, OpenOptions.NONE, ShareAccess.ALL).open();
        assertEquals(List.of("::$DATA", ":b:$DATA"), service.streams(f).stream().map(StreamInfo::name).toList());
        service.setDeleteOnClose(f, true);
        service.close(f);
        assertEquals(List.of(), fs.listAll(fs.lookup(HavenFs.ROOT, Streams.ROOT).id()));
        // The hidden directory is never listed and never reachable.
        Open root = service.open(share, SharePath.ROOT, CreateDisposition.OPEN, new OpenOptions(true, false, false, false),
                AccessMask.of(AccessMask.FILE_READ_DATA), ShareAccess.ALL, USER).open();
        assertEquals(List.of(), service.list(root, 0, 100).entries());
        service.close(root);
    }

    @Test
    void aStreamStaysReadableUntilClosedAfterItsFileIsDeleted() throws Exception {
        Open s = open("f", "s", CreateDisposition.CREATE, OpenOptions.NONE, ShareAccess.ALL).open();
        service.write(s, 0, ByteBuffer.wrap(new byte[] {7}), false);
        service.close(service.open(share, SharePath.parse("f", '/'), CreateDisposition.OPEN,
                new OpenOptions(false, true, true, false), AccessMask.of(AccessMask.DELETE), ShareAccess.ALL, USER).open());
        assertArrayEquals(new byte[] {7}, read(service, s, 1));
        service.close(s);
        assertEquals(List.of(), fs.listAll(fs.lookup(HavenFs.ROOT, Streams.ROOT).id()));
    }
}
