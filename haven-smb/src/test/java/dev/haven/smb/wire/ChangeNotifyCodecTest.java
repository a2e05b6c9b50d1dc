package dev.haven.smb.wire;

import static dev.haven.smb.wire.MessageCodecTest.body;
import static dev.haven.smb.wire.MessageCodecTest.decode;
import static dev.haven.smb.wire.MessageCodecTest.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes (hand-built from [MS-SMB2] 2.2.35/2.2.36 and [MS-FSCC] 2.4.42) and round trips of CHANGE_NOTIFY. */
class ChangeNotifyCodecTest {
    private static final Smb2FileId ID = new Smb2FileId(0x0102030405060708L, 0x1112131415161718L);

    /** WATCH_TREE, 4096 bytes, FILE_NAME | DIR_NAME | LAST_WRITE. */
    static final byte[] REQUEST = Hex.bytes("""
            20 00 01 00 00 10 00 00
            08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11
            13 00 00 00 00 00 00 00""");

    @Test
    void decodesTheRequest() throws Exception {
        ChangeNotifyRequest r = (ChangeNotifyRequest) decode(message(Command.CHANGE_NOTIFY, REQUEST));
        assertEquals(new ChangeNotifyRequest(ChangeNotifyRequest.WATCH_TREE, 4096, ID, 0x13), r);
        assertTrue(r.watchTree());
        assertArrayEquals(REQUEST, body(r::encodeBody));
    }

    @Test
    void rejectsAWrongStructureSize() {
        byte[] bad = REQUEST.clone();
        bad[0] = 0x21;
        assertThrows(MalformedMessageException.class, () -> decode(message(Command.CHANGE_NOTIFY, bad)));
    }

    @Test
    void encodesEntriesPaddedToFourBytesButTheLast() throws Exception {
        ChangeNotifyResponse r = new ChangeNotifyResponse(List.of(new ChangeNotifyResponse.Entry(1, "x"),
                new ChangeNotifyResponse.Entry(2, "yz")));
        byte[] golden = Hex.bytes("""
                09 00 48 00 20 00 00 00
                10 00 00 00 01 00 00 00 02 00 00 00 78 00 00 00
                00 00 00 00 02 00 00 00 04 00 00 00 79 00 7a 00""");
        assertArrayEquals(golden, body(r::encodeBody));
        assertEquals(r, ChangeNotifyResponse.decode(new WireReader(MessageCodecTest.concat(new byte[64], golden))));
    }

    @Test
    void anAlignedEntryNeedsNoPadding() {
        ChangeNotifyResponse r = new ChangeNotifyResponse(List.of(new ChangeNotifyResponse.Entry(4, "ab"),
                new ChangeNotifyResponse.Entry(5, "c")));
        byte[] golden = Hex.bytes("""
                10 00 00 00 04 00 00 00 04 00 00 00 61 00 62 00
                00 00 00 00 05 00 00 00 02 00 00 00 63 00""");
        assertArrayEquals(golden, r.buffer());
    }

    @Test
    void anEmptyResponseCarriesOnePadByte() {
        assertArrayEquals(Hex.bytes("09 00 00 00 00 00 00 00 00"), body(new ChangeNotifyResponse(List.of())::encodeBody));
    }

    @Test
    void namesAreUtf16() throws Exception {
        ChangeNotifyResponse r = new ChangeNotifyResponse(List.of(new ChangeNotifyResponse.Entry(3, "d\\\u00e9\ud83d\ude00")));
        byte[] encoded = body(r::encodeBody);
        assertEquals(r, ChangeNotifyResponse.decode(new WireReader(MessageCodecTest.concat(new byte[64], encoded))));
    }
}
