package dev.haven.smb.rpc;

import static dev.haven.smb.rpc.Captures.bytes;
import static dev.haven.smb.rpc.Captures.exchange;
import static dev.haven.smb.rpc.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A srvsvc pipe as a byte stream: association rules (C706 12.5, [MS-RPCE] 3.3.1.5), fragments, message-mode reads. */
class RpcPipeTest {
    private static RpcPdu answer(RpcPipe pipe, byte[] pdu) throws Exception {
        assertTrue(pipe.write(pdu));
        return RpcPdu.decode(pipe.read(1 << 16).data());
    }

    private static RpcPipe bound() {
        RpcPipe pipe = Captures.srvsvc();
        exchange(pipe, Captures.BIND);
        return pipe;
    }

    @Test
    void opensSrvsvcByAnyCaseAndPipePrefixOnly() {
        assertTrue(RpcPipe.open("SRVSVC", Captures.SERVER).isPresent());
        assertTrue(RpcPipe.open("\\PIPE\\srvsvc", Captures.SERVER).isPresent());
        assertFalse(RpcPipe.open("lsarpc", Captures.SERVER).isPresent());
        assertFalse(RpcPipe.open("", Captures.SERVER).isPresent());
    }

    @Test
    void answersSmbclientsBindAndShareEnumAsCaptured() {
        RpcPipe pipe = Captures.srvsvc();
        assertEquals(Captures.BIND_ACK, hex(exchange(pipe, Captures.BIND)));
        assertEquals(Captures.SHARE_ENUM_RESPONSE, hex(exchange(pipe, Captures.SHARE_ENUM)));
        assertFalse(pipe.hasOutput());
    }

    @Test
    void theSameBytesSplitAtEveryPositionGiveTheSameAnswers() {
        byte[] stream = bytes(Captures.BIND + Captures.SHARE_ENUM);
        for (int split = 0; split <= stream.length; split++) {
            RpcPipe pipe = Captures.srvsvc();
            assertTrue(pipe.write(Arrays.copyOf(stream, split)));
            assertTrue(pipe.write(Arrays.copyOfRange(stream, split, stream.length)));
            assertEquals(Captures.BIND_ACK, hex(pipe.read(1 << 16).data()), "split at " + split);
            assertEquals(Captures.SHARE_ENUM_RESPONSE, hex(pipe.read(1 << 16).data()), "split at " + split);
        }
    }

    @Test
    void aRequestBeforeBindIsAProtocolError() throws Exception {
        FaultPdu f = assertInstanceOf(FaultPdu.class, answer(Captures.srvsvc(), bytes(Captures.SHARE_ENUM)));
        assertEquals(FaultPdu.PROTOCOL_ERROR, f.status());
        assertEquals(2, f.callId());
    }

    @Test
    void aSecondBindAndAnAuthenticatedBindAreRefused() throws Exception {
        assertInstanceOf(BindNakPdu.class, answer(bound(), bytes(Captures.BIND)));
        byte[] withAuth = Arrays.copyOf(bytes(Captures.BIND), 0x48 + 16);
        withAuth[8] = 0x58;
        withAuth[10] = 8;
        BindNakPdu nak = assertInstanceOf(BindNakPdu.class, answer(Captures.srvsvc(), withAuth));
        assertEquals(BindNakPdu.AUTHENTICATION_TYPE_NOT_RECOGNIZED, nak.reason());
    }

    @Test
    void rejectsOtherInterfacesAndSyntaxesAndAcksFeatureNegotiation() throws Exception {
        SyntaxId lsarpc = new SyntaxId(UUID.fromString("12345778-1234-abcd-ef00-0123456789ab"), 0);
        SyntaxId ndr64 = new SyntaxId(UUID.fromString("71710533-beba-4937-8319-b5dbef9ccc36"), 1);
        SyntaxId btfn = new SyntaxId(UUID.fromString("6cb71c2c-9812-4540-0300-000000000000"), 1);
        BindPdu bind = new BindPdu(5, false, 5840, 5840, 0, List.of(new ContextElement(0, lsarpc, List.of(SyntaxId.NDR20)),
                new ContextElement(1, Srvsvc.SYNTAX, List.of(ndr64)), new ContextElement(2, Srvsvc.SYNTAX, List.of(btfn)),
                new ContextElement(3, Srvsvc.SYNTAX, List.of(ndr64, SyntaxId.NDR20))), 0);
        BindAckPdu ack = assertInstanceOf(BindAckPdu.class, answer(Captures.srvsvc(), bind.encode()));
        assertEquals(List.of(
                new ContextResult(ContextResult.PROVIDER_REJECTION, ContextResult.ABSTRACT_SYNTAX_NOT_SUPPORTED, SyntaxId.NONE),
                new ContextResult(ContextResult.PROVIDER_REJECTION, ContextResult.TRANSFER_SYNTAXES_NOT_SUPPORTED, SyntaxId.NONE),
                new ContextResult(ContextResult.NEGOTIATE_ACK, 0, SyntaxId.NONE),
                new ContextResult(ContextResult.ACCEPTANCE, 0, SyntaxId.NDR20)), ack.results());
        assertEquals(Association.MAX_FRAGMENT, ack.maxXmitFrag());
    }

    @Test
    void faultsUnknownOpnumsAndContexts() throws Exception {
        RpcPipe pipe = bound();
        FaultPdu op = assertInstanceOf(FaultPdu.class,
                answer(pipe, new RequestPdu(3, PduHeader.WHOLE, 0, 0, 99, new byte[8], 0).encode()));
        assertEquals(FaultPdu.OP_RANGE_ERROR, op.status());
        FaultPdu ctx = assertInstanceOf(FaultPdu.class,
                answer(pipe, new RequestPdu(4, PduHeader.WHOLE, 0, 7, 15, new byte[8], 0).encode()));
        assertEquals(FaultPdu.UNKNOWN_INTERFACE, ctx.status());
        FaultPdu stub = assertInstanceOf(FaultPdu.class,
                answer(pipe, new RequestPdu(5, PduHeader.WHOLE, 0, 0, 15, new byte[3], 0).encode()));
        assertEquals(FaultPdu.BAD_STUB_DATA, stub.status());
    }

    @Test
    void reassemblesAFragmentedRequest() throws Exception {
        RequestPdu whole = (RequestPdu) RpcPdu.decode(bytes(Captures.SHARE_ENUM));
        byte[] stub = whole.stub();
        RpcPipe pipe = bound();
        assertTrue(pipe.write(new RequestPdu(2, PduHeader.FIRST_FRAG, stub.length, 0, 15,
                Arrays.copyOf(stub, 24), 0).encode()));
        assertFalse(pipe.hasOutput());
        assertTrue(pipe.write(new RequestPdu(2, PduHeader.LAST_FRAG, stub.length - 24, 0, 15,
                Arrays.copyOfRange(stub, 24, stub.length), 0).encode()));
        assertEquals(Captures.SHARE_ENUM_RESPONSE, hex(pipe.read(1 << 16).data()));
    }

    @Test
    void aContinuationWithoutAFirstFragmentIsAProtocolError() throws Exception {
        FaultPdu f = assertInstanceOf(FaultPdu.class,
                answer(bound(), new RequestPdu(9, PduHeader.LAST_FRAG, 0, 0, 15, new byte[8], 0).encode()));
        assertEquals(FaultPdu.PROTOCOL_ERROR, f.status());
    }

    @Test
    void fragmentsALongResponseAndReadsEachFragmentInParts() throws Exception {
        List<ShareEntry> shares = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            shares.add(ShareEntry.disk("share-with-a-long-name-" + i, "remark " + i));
        }
        RpcPipe pipe = RpcPipe.open("srvsvc", new ServerDescription("HAVEN", "", shares)).orElseThrow();
        BindPdu small = new BindPdu(1, false, 1000, 1000, 0, List.of(new ContextElement(0, Srvsvc.SYNTAX,
                List.of(SyntaxId.NDR20))), 0);
        assertEquals(Association.MIN_FRAGMENT, ((BindAckPdu) answer(pipe, small.encode())).maxXmitFrag());
        assertTrue(pipe.write(bytes(Captures.SHARE_ENUM)));
        ByteArrayOutputStream stub = new ByteArrayOutputStream();
        int fragments = 0;
        while (pipe.hasOutput()) {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            RpcPipe.PipeRead part;
            do {
                part = pipe.read(1000);
                message.writeBytes(part.data());
            } while (part.more());
            byte[] fragment = message.toByteArray();
            assertTrue(fragment.length <= Association.MIN_FRAGMENT);
            ResponsePdu r = assertInstanceOf(ResponsePdu.class, RpcPdu.decode(fragment));
            assertEquals(fragments == 0, (r.flags() & PduHeader.FIRST_FRAG) != 0);
            stub.writeBytes(r.stub());
            fragments++;
            assertEquals(!pipe.hasOutput(), (r.flags() & PduHeader.LAST_FRAG) != 0);
        }
        assertTrue(fragments > 5, "fragments " + fragments);
        String text = new String(stub.toByteArray(), java.nio.charset.StandardCharsets.UTF_16LE);
        assertTrue(text.contains("share-with-a-long-name-199"), text);
    }

    @Test
    void refusesOversizedWritesAndWritesWhileAnswersGoUnread() {
        assertFalse(Captures.srvsvc().write(new byte[RpcPipe.MAX_WRITE + 1]));
        RpcPipe pipe = bound();
        int accepted = 0;
        while (pipe.write(bytes(Captures.SHARE_ENUM))) {
            accepted++;
        }
        assertTrue(accepted * 0xcc > RpcPipe.MAX_PENDING_OUTPUT, "accepted " + accepted);
    }

    @Test
    void aFrameLengthBelowTheHeaderDropsTheBufferAndTheNextPduIsServed() throws Exception {
        RpcPipe pipe = Captures.srvsvc();
        byte[] broken = bytes(Captures.BIND);
        broken[8] = 4;
        broken[9] = 0;
        assertInstanceOf(FaultPdu.class, answer(pipe, broken));
        assertArrayEquals(bytes(Captures.BIND_ACK), exchange(pipe, Captures.BIND));
    }
}
