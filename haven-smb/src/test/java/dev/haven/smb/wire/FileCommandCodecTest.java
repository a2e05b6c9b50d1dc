package dev.haven.smb.wire;

import static dev.haven.smb.wire.MessageCodecTest.body;
import static dev.haven.smb.wire.MessageCodecTest.decode;
import static dev.haven.smb.wire.MessageCodecTest.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes (hand-built from the [MS-SMB2] 2.2.13 to 2.2.40 field tables) and round trips of the file commands. */
class FileCommandCodecTest {
    private static final Smb2FileId ID = new Smb2FileId(0x0102030405060708L, 0x1112131415161718L);
    private static final String ID_HEX = "08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11";

    /** [MS-SMB2] 2.2.13: open "a\b" for read, share all, FILE_OPEN, non-directory; no contexts. */
    static final byte[] CREATE = Hex.bytes("""
            39 00 00 00 02 00 00 00
            00 00 00 00 00 00 00 00  00 00 00 00 00 00 00 00
            89 00 12 00 80 00 00 00 07 00 00 00 01 00 00 00 40 00 00 00
            78 00 06 00 00 00 00 00 00 00 00 00
            61 00 5c 00 62 00""");

    @Test
    void decodesCreate() throws Exception {
        CreateRequest c = (CreateRequest) decode(message(Command.CREATE, CREATE));
        assertEquals("a\\b", c.name());
        assertEquals(0x00120089, c.desiredAccess());
        assertEquals(7, c.shareAccess());
        assertEquals(1, c.createDisposition());
        assertEquals(CreateRequest.FILE_NON_DIRECTORY_FILE, c.createOptions());
        assertEquals(2, c.impersonationLevel());
        assertEquals(List.of(), c.createContexts());
        assertArrayEquals(CREATE, body(c::encodeBody));
    }

    @Test
    void createContextsRoundTripAndUnknownOnesAreKept() throws Exception {
        CreateRequest c = new CreateRequest(0, 2, 0x80, 0, 7, 3, 0, "dir\\file.txt",
                List.of(new CreateContext("MxAc", new byte[0]), new CreateContext("QFid", new byte[0]),
                        new CreateContext("XyZw", new byte[] {1, 2, 3})));
        CreateRequest back = (CreateRequest) decode(message(Command.CREATE, body(c::encodeBody)));
        assertEquals(c.name(), back.name());
        assertEquals(List.of("MxAc", "QFid", "XyZw"), back.createContexts().stream().map(CreateContext::name).toList());
        assertArrayEquals(new byte[] {1, 2, 3}, back.createContexts().get(2).data());
    }

    @Test
    void rejectsACreateNameOutsideTheMessage() {
        byte[] bad = CREATE.clone();
        bad[46] = 0x40; // NameLength 64: past the end
        assertThrows(MalformedMessageException.class, () -> decode(message(Command.CREATE, bad)));
    }

    @Test
    void encodesCreateResponse() {
        CreateResponse r = new CreateResponse(0, 2, new FileTimes(1, 2, 3, 4), 4096, 10, 0x20, ID);
        byte[] golden = Hex.bytes("""
                59 00 00 00 02 00 00 00
                01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00
                00 10 00 00 00 00 00 00 0a 00 00 00 00 00 00 00 20 00 00 00 00 00 00 00
                """ + ID_HEX + " 00 00 00 00 00 00 00 00 00");
        assertArrayEquals(golden, body(r::encodeBody));
    }

    @Test
    void closeRoundTrips() throws Exception {
        byte[] golden = Hex.bytes("18 00 01 00 00 00 00 00 " + ID_HEX);
        CloseRequest c = (CloseRequest) decode(message(Command.CLOSE, golden));
        assertEquals(new CloseRequest(CloseRequest.POSTQUERY_ATTRIB, ID), c);
        assertArrayEquals(golden, body(c::encodeBody));
        CloseResponse r = new CloseResponse(1, new FileTimes(1, 2, 3, 4), 8, 9, 0x80);
        byte[] encoded = body(r::encodeBody);
        assertEquals(60, encoded.length);
        assertEquals(r, CloseResponse.decode(new WireReader(MessageCodecTest.concat(new byte[64], encoded))));
    }

    @Test
    void readRoundTripsAndItsResponseCarriesDataAtOffset0x50() throws Exception {
        byte[] golden = Hex.bytes("31 00 50 00 00 00 10 00 00 20 00 00 00 00 00 00 " + ID_HEX
                + " 01 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        ReadRequest r = (ReadRequest) decode(message(Command.READ, golden));
        assertEquals(new ReadRequest(0x50, 0, 0x100000, 0x2000, ID, 1), r);
        assertArrayEquals(golden, body(r::encodeBody));
        byte[] data = "abcdef".getBytes(StandardCharsets.US_ASCII);
        byte[] response = body(new ReadResponse(data, 3)::encodeBody);
        assertArrayEquals(Hex.bytes("11 00 50 00 03 00 00 00 00 00 00 00 00 00 00 00 61 62 63"), response);
    }

    @Test
    void aReadResponseOverDirectMemorySplitsIntoFixedFieldsAndData() {
        ByteBuffer read = ByteBuffer.allocateDirect(16);
        read.put("abc".getBytes(StandardCharsets.US_ASCII)).flip();
        ReadResponse r = new ReadResponse(read);
        WireWriter fields = new WireWriter(16);
        r.encodeFields(fields);
        assertArrayEquals(Hex.bytes("11 00 50 00 03 00 00 00 00 00 00 00 00 00 00 00"), fields.toByteArray());
        assertArrayEquals(Hex.bytes("11 00 50 00 03 00 00 00 00 00 00 00 00 00 00 00 61 62 63"), body(r::encodeBody));
        assertEquals(0, read.position(), "encoding leaves the data where it is");
        assertArrayEquals("abc".getBytes(StandardCharsets.US_ASCII), r.bytes());
    }

    @Test
    void writeDecodesAViewOfItsData() throws Exception {
        byte[] golden = Hex.bytes("31 00 70 00 03 00 00 00 05 00 00 00 00 00 00 00 " + ID_HEX
                + " 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 78 79 7a");
        WriteRequest w = (WriteRequest) decode(message(Command.WRITE, golden));
        assertEquals(5, w.offset());
        assertEquals(ID, w.fileId());
        assertEquals(WriteRequest.WRITE_THROUGH, w.flags());
        assertEquals(ByteBuffer.wrap(new byte[] {'x', 'y', 'z'}), w.data());
        assertArrayEquals(golden, body(w::encodeBody));
        assertArrayEquals(Hex.bytes("11 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00"), body(new WriteResponse(3)::encodeBody));
    }

    @Test
    void rejectsWriteDataOutsideTheMessage() {
        byte[] bad = Hex.bytes("31 00 70 00 ff 00 00 00 05 00 00 00 00 00 00 00 " + ID_HEX
                + " 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 78 79 7a");
        assertThrows(MalformedMessageException.class, () -> decode(message(Command.WRITE, bad)));
    }

    @Test
    void flushAndLockRoundTrip() throws Exception {
        byte[] flush = Hex.bytes("18 00 00 00 00 00 00 00 " + ID_HEX);
        assertEquals(new FlushRequest(ID), decode(message(Command.FLUSH, flush)));
        assertArrayEquals(Hex.bytes("04 00 00 00"), body(new FlushResponse()::encodeBody));
        byte[] lock = Hex.bytes("30 00 01 00 00 00 00 00 " + ID_HEX
                + " 10 00 00 00 00 00 00 00 20 00 00 00 00 00 00 00 12 00 00 00 00 00 00 00");
        LockRequest l = (LockRequest) decode(message(Command.LOCK, lock));
        assertEquals(List.of(new LockRequest.Element(16, 32, 0x12)), l.locks());
        assertArrayEquals(lock, body(l::encodeBody));
        assertArrayEquals(Hex.bytes("04 00 00 00"), body(new LockResponse()::encodeBody));
    }

    @Test
    void queryDirectoryRoundTrips() throws Exception {
        byte[] golden = Hex.bytes("21 00 25 01 00 00 00 00 " + ID_HEX + " 60 00 02 00 00 00 01 00 2a 00");
        QueryDirectoryRequest q = (QueryDirectoryRequest) decode(message(Command.QUERY_DIRECTORY, golden));
        assertEquals(new QueryDirectoryRequest(37, QueryDirectoryRequest.RESTART_SCANS, 0, ID, "*", 0x10000), q);
        assertArrayEquals(golden, body(q::encodeBody));
        byte[] response = body(new QueryDirectoryResponse(new byte[] {9, 8})::encodeBody);
        assertArrayEquals(Hex.bytes("09 00 48 00 02 00 00 00 09 08"), response);
    }

    @Test
    void queryAndSetInfoRoundTrip() throws Exception {
        byte[] query = Hex.bytes("29 00 01 12 00 10 00 00 00 00 00 00 00 00 00 00 07 00 00 00 00 00 00 00 "
                + ID_HEX + " 00");
        QueryInfoRequest q = (QueryInfoRequest) decode(message(Command.QUERY_INFO, query));
        assertEquals(QueryInfoRequest.INFO_FILE, q.infoType());
        assertEquals(18, q.fileInfoClass());
        assertEquals(4096, q.outputBufferLength());
        assertEquals(7, q.additionalInformation());
        assertArrayEquals(query, body(q::encodeBody));
        byte[] set = Hex.bytes("21 00 01 14 08 00 00 00 60 00 00 00 00 00 00 00 " + ID_HEX
                + " 00 01 00 00 00 00 00 00");
        SetInfoRequest s = (SetInfoRequest) decode(message(Command.SET_INFO, set));
        assertEquals(20, s.fileInfoClass());
        assertArrayEquals(Hex.bytes("00 01 00 00 00 00 00 00"), s.buffer());
        assertArrayEquals(set, body(s::encodeBody));
        assertArrayEquals(Hex.bytes("02 00"), body(new SetInfoResponse()::encodeBody));
    }

    @Test
    void everyFileCommandRejectsTruncation() {
        for (byte[] golden : List.of(CREATE, Hex.bytes("18 00 01 00 00 00 00 00 " + ID_HEX))) {
            for (int cut = 0; cut < golden.length - 6; cut++) {
                byte[] part = Arrays.copyOf(golden, cut);
                Command command = golden == CREATE ? Command.CREATE : Command.CLOSE;
                assertThrows(MalformedMessageException.class, () -> decode(message(command, part)), "cut " + cut);
            }
        }
    }
}
