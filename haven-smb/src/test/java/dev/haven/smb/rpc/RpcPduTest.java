package dev.haven.smb.rpc;

import static dev.haven.smb.rpc.Captures.bytes;
import static dev.haven.smb.rpc.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.wire.MalformedMessageException;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Golden bytes of the connection-oriented PDUs (C706 12.6, [MS-RPCE] 2.2.2) and their decoders' limits. */
class RpcPduTest {
    @Test
    void decodesSmbclientsBindAndEncodesItBack() throws Exception {
        BindPdu bind = assertInstanceOf(BindPdu.class, RpcPdu.decode(bytes(Captures.BIND)));
        assertEquals(1, bind.callId());
        assertEquals(4280, bind.maxXmitFrag());
        assertEquals(4280, bind.maxRecvFrag());
        assertEquals(List.of(new ContextElement(0, Srvsvc.SYNTAX, List.of(SyntaxId.NDR20))), bind.contexts());
        assertEquals(Captures.BIND, hex(bind.encode()));
    }

    @Test
    void bindAckNamesThePipeAndAcceptsNdr20() throws Exception {
        BindAckPdu ack = assertInstanceOf(BindAckPdu.class, RpcPdu.decode(bytes(Captures.BIND_ACK)));
        assertEquals("\\PIPE\\srvsvc", ack.secondaryAddress());
        assertEquals(List.of(new ContextResult(ContextResult.ACCEPTANCE, 0, SyntaxId.NDR20)), ack.results());
        assertEquals(Association.ASSOC_GROUP, ack.assocGroupId());
        assertEquals(Captures.BIND_ACK, hex(ack.encode()));
    }

    @Test
    void decodesARequestAndItsResponse() throws Exception {
        RequestPdu req = assertInstanceOf(RequestPdu.class, RpcPdu.decode(bytes(Captures.SHARE_ENUM)));
        assertEquals(Srvsvc.NETR_SHARE_ENUM, req.opnum());
        assertEquals(2, req.callId());
        assertEquals(0x44, req.stub().length);
        assertEquals(Captures.SHARE_ENUM, hex(req.encode()));
        ResponsePdu resp = assertInstanceOf(ResponsePdu.class, RpcPdu.decode(bytes(Captures.SHARE_ENUM_RESPONSE)));
        assertEquals(resp.stub().length, resp.allocHint());
        assertEquals(Captures.SHARE_ENUM_RESPONSE, hex(resp.encode()));
    }

    /** C706 12.6.4.7: 32 bytes; nca_s_op_rng_error is 0x1c010002; PFC_DID_NOT_EXECUTE set. */
    @Test
    void encodesAFault() throws Exception {
        byte[] fault = new FaultPdu(7, 1, FaultPdu.OP_RANGE_ERROR, true).encode();
        assertEquals("0500032310000000200000000700000000000000010000000200011c00000000", hex(fault));
        assertEquals(new FaultPdu(7, 1, FaultPdu.OP_RANGE_ERROR, true), RpcPdu.decode(fault));
    }

    @Test
    void encodesABindNakWithTheSupportedVersion() {
        assertEquals("05000d0310000000150000000300000008000105 00".replace(" ", ""),
                hex(new BindNakPdu(3, BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED).encode()));
    }

    @Test
    void rejectsBigEndianDataRepresentationAndOtherVersions() {
        byte[] bigEndian = bytes(Captures.BIND);
        bigEndian[4] = 0x00;
        assertThrows(MalformedMessageException.class, () -> RpcPdu.decode(bigEndian));
        byte[] v4 = bytes(Captures.BIND);
        v4[0] = 4;
        assertThrows(MalformedMessageException.class, () -> RpcPdu.decode(v4));
        byte[] connectionless = bytes(Captures.BIND);
        connectionless[2] = 9;
        assertThrows(MalformedMessageException.class, () -> RpcPdu.decode(connectionless));
    }

    @Test
    void everyTruncationIsMalformed() {
        for (String capture : List.of(Captures.BIND, Captures.BIND_ACK, Captures.SHARE_ENUM,
                Captures.SHARE_ENUM_RESPONSE)) {
            byte[] whole = bytes(capture);
            for (int n = 0; n < whole.length; n++) {
                byte[] cut = Arrays.copyOf(whole, n);
                assertThrows(MalformedMessageException.class, () -> RpcPdu.decode(cut), capture + " cut at " + n);
            }
        }
    }

    /** Random corruptions never escape as anything but MalformedMessageException; the seed replays a failure. */
    @Test
    void corruptedPdusOnlyEverFailAsMalformed() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<byte[]> captures = List.of(bytes(Captures.BIND), bytes(Captures.BIND_ACK), bytes(Captures.SHARE_ENUM),
                bytes(Captures.SHARE_ENUM_RESPONSE), bytes(Captures.SERVER_GET_INFO));
        for (int i = 0; i < 5_000; i++) {
            byte[] pdu = captures.get(random.nextInt(captures.size())).clone();
            for (int k = random.nextInt(4); k >= 0; k--) {
                pdu[random.nextInt(pdu.length)] = (byte) random.nextInt(256);
            }
            try {
                RpcPdu.decode(pdu);
            } catch (MalformedMessageException expected) {
                // the only allowed failure
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + hex(pdu), e);
            }
            RpcPipe pipe = Captures.srvsvc();
            assertTrue(pipe.write(bytes(Captures.BIND)), "seed " + seed);
            pipe.read(1 << 16);
            try {
                pipe.write(pdu);
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " case " + i + ": " + hex(pdu), e);
            }
        }
        assertFalse(captures.isEmpty());
    }
}
