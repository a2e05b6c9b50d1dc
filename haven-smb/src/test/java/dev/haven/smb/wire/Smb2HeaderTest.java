package dev.haven.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Smb2HeaderTest {
    /** Hand-built from the [MS-SMB2] 2.2.1.2 field table: a signed sync TREE_CONNECT request. */
    static final byte[] SYNC = Hex.bytes("""
            fe 53 4d 42  40 00  01 00  00 00 00 00  03 00  1f 00  08 00 00 00  00 00 00 00
            05 00 00 00 00 00 00 00  00 00 00 00  07 00 00 00  88 77 66 55 44 33 22 11
            aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa aa""");

    /** [MS-SMB2] 2.2.1.1: an async STATUS_PENDING response with AsyncId 0x0102030405060708. */
    static final byte[] ASYNC = Hex.bytes("""
            fe 53 4d 42  40 00  00 00  03 01 00 00  05 00  01 00  03 00 00 00  00 00 00 00
            09 00 00 00 00 00 00 00  08 07 06 05 04 03 02 01  01 00 00 00 00 00 00 00
            00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00""");

    @Test
    void decodesTheSyncForm() throws Exception {
        Smb2Header h = Smb2Header.decode(new WireReader(SYNC));
        assertEquals(1, h.creditCharge());
        assertEquals(NtStatus.SUCCESS, h.status());
        assertEquals(Command.TREE_CONNECT, h.command());
        assertEquals(31, h.credits());
        assertTrue(h.isSigned());
        assertFalse(h.isAsync());
        assertEquals(5, h.messageId());
        assertEquals(7, h.treeId());
        assertEquals(0x1122334455667788L, h.sessionId());
        byte[] sig = new byte[16];
        Arrays.fill(sig, (byte) 0xAA);
        assertArrayEquals(sig, h.signature());
    }

    @Test
    void decodesTheAsyncForm() throws Exception {
        Smb2Header h = Smb2Header.decode(new WireReader(ASYNC));
        assertTrue(h.isAsync());
        assertEquals(NtStatus.PENDING, h.status());
        assertEquals(Command.CREATE, h.command());
        assertEquals(0x0102030405060708L, h.asyncId());
        assertEquals(0, h.treeId());
        assertEquals(1, h.sessionId());
    }

    @Test
    void encodesBackToTheSameBytes() throws Exception {
        for (byte[] golden : new byte[][] {SYNC, ASYNC}) {
            WireWriter w = new WireWriter();
            Smb2Header.decode(new WireReader(golden)).encode(w);
            assertEquals(Hex.of(golden), Hex.of(w.toByteArray()));
        }
    }

    @Test
    void rejectsEveryTruncationAsFatal() {
        for (int n = 0; n < SYNC.length; n++) {
            byte[] cut = Arrays.copyOf(SYNC, n);
            MalformedMessageException e = assertThrows(MalformedMessageException.class,
                    () -> Smb2Header.decode(new WireReader(cut)));
            assertTrue(e.fatal());
        }
    }

    @Test
    void rejectsWrongProtocolIdStructureSizeAndCommand() {
        byte[] badId = SYNC.clone();
        badId[0] = (byte) 0xFF;
        byte[] badSize = SYNC.clone();
        badSize[4] = 0x41;
        byte[] badCommand = SYNC.clone();
        badCommand[12] = 0x13;
        for (byte[] bad : new byte[][] {badId, badSize, badCommand}) {
            assertTrue(assertThrows(MalformedMessageException.class,
                    () -> Smb2Header.decode(new WireReader(bad))).fatal());
        }
    }

    @Test
    void ntStatusKeepsUnknownCodes() {
        NtStatus odd = new NtStatus(0xC0FFEE01);
        assertEquals("0xC0FFEE01", odd.name());
        assertEquals("STATUS_LOGON_FAILURE", NtStatus.LOGON_FAILURE.name());
        assertEquals(NtStatus.LOGON_FAILURE, new NtStatus(0xC000006D));
    }
}
