package dev.haven.smb.wire;

import static dev.haven.smb.wire.MessageCodecTest.body;
import static dev.haven.smb.wire.MessageCodecTest.decode;
import static dev.haven.smb.wire.MessageCodecTest.message;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden bytes (hand-built from the [MS-SMB2] 2.2.23 to 2.2.25 field tables and 2.2.13.2.8 /
 * 2.2.14.2.10) of oplock and lease break notifications, acknowledgments and responses.
 */
class BreakCodecTest {
    private static final Smb2FileId ID = new Smb2FileId(0x0102030405060708L, 0x1112131415161718L);
    private static final Smb2LeaseKey KEY = new Smb2LeaseKey(0xa7a6a5a4a3a2a1a0L, 0xafaeadacabaaa9a8L);

    /** 2.2.23.1 / 2.2.24.1 / 2.2.25.1: StructureSize 24, OplockLevel II, reserved, FileId. */
    static final byte[] OPLOCK_BREAK = Hex.bytes("""
            18 00 01 00 00 00 00 00
            08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11""");

    /** 2.2.24.2 / 2.2.25.2: StructureSize 36, Reserved, Flags 0, LeaseKey, LeaseState RH, LeaseDuration 0. */
    static final byte[] LEASE_ACK = Hex.bytes("""
            24 00 00 00 00 00 00 00
            a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af
            03 00 00 00 00 00 00 00 00 00 00 00""");

    /** 2.2.23.2: StructureSize 44, NewEpoch 5, ACK_REQUIRED, LeaseKey, RWH to RH, reason and hints 0. */
    static final byte[] LEASE_BREAK = Hex.bytes("""
            2c 00 05 00 01 00 00 00
            a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af
            07 00 00 00 03 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00""");

    @Test
    void decodesAnOplockBreakAcknowledgmentAndEncodesTheSameLayout() throws Exception {
        OplockBreak ack = assertInstanceOf(OplockBreak.class, decode(message(Command.OPLOCK_BREAK, OPLOCK_BREAK)));
        assertEquals(new OplockBreak(1, ID), ack);
        assertArrayEquals(OPLOCK_BREAK, body(ack::encodeBody));
    }

    @Test
    void decodesALeaseBreakAcknowledgmentByItsStructureSize() throws Exception {
        LeaseBreakAck ack = assertInstanceOf(LeaseBreakAck.class, decode(message(Command.OPLOCK_BREAK, LEASE_ACK)));
        assertEquals(new LeaseBreakAck(0, KEY, 3), ack);
        assertArrayEquals(LEASE_ACK, body(new LeaseBreakAck(0, KEY, 3)::encodeBody));
    }

    @Test
    void encodesALeaseBreakNotification() throws Exception {
        LeaseBreakNotification n = new LeaseBreakNotification(5, LeaseBreakNotification.ACK_REQUIRED, KEY, 7, 3);
        assertArrayEquals(LEASE_BREAK, body(n::encodeBody));
        WireReader r = new WireReader(LEASE_BREAK);
        assertEquals(n, LeaseBreakNotification.decode(r));
    }

    @Test
    void rejectsABreakAcknowledgmentOfAnotherSizeOrCutShort() {
        byte[] bad = OPLOCK_BREAK.clone();
        bad[0] = 0x19;
        assertThrows(MalformedMessageException.class, () -> decode(message(Command.OPLOCK_BREAK, bad)));
        for (int cut = 0; cut < LEASE_ACK.length; cut++) {
            byte[] shorter = Arrays.copyOf(LEASE_ACK, cut);
            assertThrows(MalformedMessageException.class, () -> decode(message(Command.OPLOCK_BREAK, shorter)),
                    "cut at " + cut);
        }
    }

    @Test
    void createResponseCarriesTheLeaseContextAlignedAfterTheFixedPart() throws Exception {
        byte[] lease = Arrays.copyOf(Hex.bytes("a0 a1 a2 a3 a4 a5 a6 a7 a8 a9 aa ab ac ad ae af"), 32);
        lease[16] = 7; // LeaseState RWH
        CreateResponse r = new CreateResponse(CreateResponse.OPLOCK_LEVEL_LEASE, 2, FileTimes.ZERO, 0, 0, 0x20, ID,
                List.of(new CreateContext("RqLs", lease)));
        byte[] message = MessageCodecTest.concat(new byte[64], body(r::encodeBody));
        byte[] expectedContext = Hex.bytes("""
                00 00 00 00 10 00 04 00 00 00 18 00 20 00 00 00
                52 71 4c 73 00 00 00 00""");
        assertArrayEquals(expectedContext, Arrays.copyOfRange(message, 152, 152 + 24));
        assertArrayEquals(Hex.bytes("98 00 00 00 38 00 00 00"), Arrays.copyOfRange(message, 64 + 80, 64 + 88));
        CreateResponse back = CreateResponse.decode(new WireReader(message));
        assertEquals("RqLs", back.createContexts().get(0).name());
        assertArrayEquals(lease, back.createContexts().get(0).data());
    }
}
