package dev.haven.smb.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Golden bytes (hand-built from the [MS-SMB2] 2.2 field tables) and round trips per message. */
class MessageCodecTest {

    static byte[] message(Command command, byte[] body) {
        WireWriter w = new WireWriter();
        new Smb2Header(1, NtStatus.SUCCESS, command, 1, 0, 0, 0, 0, 0, 0, null).encode(w);
        return Arrays.copyOf(concat(w.toByteArray(), body), 64 + body.length);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    static Smb2Request decode(byte[] message) throws MalformedMessageException {
        WireReader r = new WireReader(message);
        return Smb2Request.decode(Smb2Header.decode(r), r);
    }

    static byte[] body(java.util.function.Consumer<WireWriter> encoder) {
        WireWriter w = new WireWriter();
        w.bytes(new byte[64]);
        encoder.accept(w);
        byte[] all = w.toByteArray();
        return Arrays.copyOfRange(all, 64, all.length);
    }

    /** [MS-SMB2] 2.2.3: a 3.1.1 NEGOTIATE with PREAUTH, ENCRYPTION and an unknown NETNAME context. */
    static final byte[] NEGOTIATE_311 = Hex.bytes("""
            24 00 02 00 01 00 00 00 7f 00 00 00
            01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f 10
            68 00 00 00 03 00 00 00
            02 02 11 03
            01 00 0a 00 00 00 00 00 01 00 04 00 01 00 de ad be ef 00 00 00 00 00 00
            02 00 06 00 00 00 00 00 02 00 02 00 01 00 00 00
            05 00 04 00 00 00 00 00 61 62 63 64""");

    @Test
    void decodesNegotiateWithContexts() throws Exception {
        NegotiateRequest n = (NegotiateRequest) decode(message(Command.NEGOTIATE, NEGOTIATE_311));
        assertEquals(List.of(0x0202, 0x0311), n.dialects());
        assertEquals(1, n.securityMode());
        assertEquals(0x7f, n.capabilities());
        assertEquals(3, n.negotiateContexts().size());
        var preauth = n.context(NegotiateContext.PreauthIntegrityCapabilities.class);
        assertEquals(List.of(1), preauth.hashAlgorithms());
        assertArrayEquals(Hex.bytes("deadbeef"), preauth.salt());
        assertEquals(List.of(2, 1), n.context(NegotiateContext.EncryptionCapabilities.class).ciphers());
        var unknown = n.context(NegotiateContext.Unknown.class);
        assertEquals(5, unknown.contextType());
        assertEquals("abcd", new String(unknown.data(), StandardCharsets.US_ASCII));
    }

    @Test
    void encodesNegotiateToTheGoldenBytes() throws Exception {
        NegotiateRequest n = (NegotiateRequest) decode(message(Command.NEGOTIATE, NEGOTIATE_311));
        assertEquals(Hex.of(NEGOTIATE_311), Hex.of(body(n::encodeBody)));
    }

    @Test
    void ignoresContextsWhenThreeOneOneIsNotOffered() throws Exception {
        byte[] b = NEGOTIATE_311.clone();
        b[38] = 0x02; // second dialect 0x0311 becomes 0x0302
        b[39] = 0x03;
        NegotiateRequest n = (NegotiateRequest) decode(message(Command.NEGOTIATE, b));
        assertEquals(List.of(), n.negotiateContexts());
    }

    @Test
    void failsNegotiateWithBadCountsOrOffsetsAsInvalidParameter() {
        byte[] noDialects = NEGOTIATE_311.clone();
        noDialects[2] = 0;
        byte[] offsetOutside = NEGOTIATE_311.clone();
        offsetOutside[28] = (byte) 0xF0;
        byte[] tooManyContexts = NEGOTIATE_311.clone();
        tooManyContexts[32] = 9;
        byte[] contextPastEnd = NEGOTIATE_311.clone();
        contextPastEnd[contextPastEnd.length - 10] = 0x7F; // last DataLength
        for (byte[] bad : new byte[][] {noDialects, offsetOutside, tooManyContexts, contextPastEnd}) {
            MalformedMessageException e = assertThrows(MalformedMessageException.class,
                    () -> decode(message(Command.NEGOTIATE, bad)));
            assertFalse(e.fatal());
        }
    }

    @Test
    void failsEveryTruncatedNegotiateWithoutAnyOtherException() {
        byte[] full = message(Command.NEGOTIATE, NEGOTIATE_311);
        for (int n = 64; n < full.length; n++) {
            byte[] cut = Arrays.copyOf(full, n);
            assertThrows(MalformedMessageException.class, () -> decode(cut));
        }
    }

    @Test
    void roundTripsNegotiateResponseWithAlignedContexts() throws Exception {
        var contexts = List.<NegotiateContext>of(
                new NegotiateContext.PreauthIntegrityCapabilities(List.of(1), new byte[32]),
                new NegotiateContext.EncryptionCapabilities(List.of(2)),
                new NegotiateContext.SigningCapabilities(List.of(1)));
        NegotiateResponse r = new NegotiateResponse(3, 0x0311, new byte[16], 0x44, 1 << 23, 1 << 23, 1 << 23, 7, 0,
                Hex.bytes("6082"), contexts);
        byte[] msg = message(Command.NEGOTIATE, body(r::encodeBody));
        assertEquals(128, msg[64 + 56] & 0xFF); // SecurityBufferOffset
        int contextOffset = msg[64 + 60] & 0xFF;
        assertEquals(0, contextOffset % 8);
        assertEquals(136, contextOffset); // 128 + 2 bytes, aligned
        NegotiateResponse back = NegotiateResponse.decode(new WireReader(msg));
        assertEquals(0x0311, back.dialectRevision());
        assertArrayEquals(Hex.bytes("6082"), back.securityBuffer());
        assertEquals(List.of(2), ((NegotiateContext.EncryptionCapabilities) back.negotiateContexts().get(1)).ciphers());
        assertEquals(List.of(1), ((NegotiateContext.SigningCapabilities) back.negotiateContexts().get(2))
                .signingAlgorithms());
    }

    /** [MS-SMB2] 2.2.5: SecurityBufferOffset 0x58 (header + 24), 4 bytes of token. */
    static final byte[] SESSION_SETUP = Hex.bytes("""
            19 00 00 01 01 00 00 00 00 00 00 00 58 00 04 00 00 00 00 00 00 00 00 00 4e 54 4c 4d""");

    @Test
    void decodesAndEncodesSessionSetup() throws Exception {
        SessionSetupRequest s = (SessionSetupRequest) decode(message(Command.SESSION_SETUP, SESSION_SETUP));
        assertEquals(1, s.securityMode());
        assertEquals(1, s.capabilities());
        assertEquals("NTLM", new String(s.securityBuffer(), StandardCharsets.US_ASCII));
        assertEquals(Hex.of(SESSION_SETUP), Hex.of(body(s::encodeBody)));
    }

    @Test
    void failsSessionSetupWhoseBufferPointsOutsideTheMessage() {
        byte[] beyond = SESSION_SETUP.clone();
        beyond[14] = 0x05; // length 5: one byte past the end
        byte[] intoHeader = SESSION_SETUP.clone();
        intoHeader[12] = 0x10; // offset 16: inside the header
        for (byte[] bad : new byte[][] {beyond, intoHeader}) {
            assertFalse(assertThrows(MalformedMessageException.class,
                    () -> decode(message(Command.SESSION_SETUP, bad))).fatal());
        }
    }

    @Test
    void encodesSessionSetupResponseAndError() {
        assertEquals("0900000048000000" + "00", Hex.of(body(new SessionSetupResponse(0, new byte[0])::encodeBody)));
        assertEquals("0900040048000200a1b2",
                Hex.of(body(new SessionSetupResponse(4, Hex.bytes("a1b2"))::encodeBody)));
        // [MS-SMB2] 2.2.2: StructureSize 9, no contexts, ByteCount 0, one byte of ErrorData.
        assertEquals("090000000000000000", Hex.of(body(ErrorResponse.empty()::encodeBody)));
    }

    @Test
    void decodesTreeConnectPathAndShareName() throws Exception {
        byte[] path = "\\\\127.0.0.1\\data".getBytes(StandardCharsets.UTF_16LE);
        byte[] fixed = Hex.bytes("09 00 00 00 48 00");
        byte[] b = concat(concat(fixed, new byte[] {(byte) path.length, 0}), path);
        TreeConnectRequest t = (TreeConnectRequest) decode(message(Command.TREE_CONNECT, b));
        assertEquals("\\\\127.0.0.1\\data", t.path());
        assertEquals("data", t.shareName());
        assertEquals(Hex.of(b), Hex.of(body(t::encodeBody)));
        byte[] odd = b.clone();
        odd[6] = 3;
        assertFalse(assertThrows(MalformedMessageException.class,
                () -> decode(message(Command.TREE_CONNECT, odd))).fatal());
    }

    @Test
    void encodesTreeConnectResponse() {
        assertEquals("1000010000800000" + "00000000" + "ff011f00",
                Hex.of(body(new TreeConnectResponse(1, 0x8000, 0, 0x001F01FF)::encodeBody)));
    }

    @Test
    void decodesTheFourByteRequests() throws Exception {
        byte[] b = Hex.bytes("04 00 00 00");
        assertInstanceOf(LogoffRequest.class, decode(message(Command.LOGOFF, b)));
        assertInstanceOf(TreeDisconnectRequest.class, decode(message(Command.TREE_DISCONNECT, b)));
        assertInstanceOf(EchoRequest.class, decode(message(Command.ECHO, b)));
        assertInstanceOf(CancelRequest.class, decode(message(Command.CANCEL, b)));
        assertEquals("04000000", Hex.of(body(new EchoResponse()::encodeBody)));
        assertThrows(MalformedMessageException.class, () -> decode(message(Command.ECHO, Hex.bytes("05 00 00 00"))));
    }

    @Test
    void keepsCommandsHavenCannotServeAsUnsupported() throws Exception {
        UnsupportedRequest u = (UnsupportedRequest) decode(message(Command.OPLOCK_BREAK, Hex.bytes("39 00 01 02")));
        assertEquals(Command.OPLOCK_BREAK, u.command());
        assertEquals("39000102", Hex.of(u.body()));
    }

    @Test
    void roundTripsValidateNegotiateInfoInIoctl() throws Exception {
        byte[] guid = new byte[16];
        guid[3] = 9;
        var v = new ValidateNegotiateInfo.Request(0x44, guid, 1, List.of(0x0300, 0x0302));
        byte[] fileId = new byte[16];
        Arrays.fill(fileId, (byte) 0xFF);
        IoctlRequest req = new IoctlRequest(IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO, fileId, v.encode(), 0,
                new byte[0], 24, IoctlRequest.IS_FSCTL);
        IoctlRequest back = (IoctlRequest) decode(message(Command.IOCTL, body(req::encodeBody)));
        var vb = ValidateNegotiateInfo.Request.decode(back.input());
        assertEquals(List.of(0x0300, 0x0302), vb.dialects());
        assertArrayEquals(guid, vb.guid());
        assertEquals(24, back.maxOutputResponse());
        byte[] out = new ValidateNegotiateInfo.Response(0x44, guid, 1, 0x0302).encode();
        IoctlResponse resp = new IoctlResponse(back.ctlCode(), back.fileId(), new byte[0], out);
        IoctlResponse rb = IoctlResponse.decode(new WireReader(message(Command.IOCTL, body(resp::encodeBody))));
        assertArrayEquals(out, rb.output());
        assertEquals(112, body(resp::encodeBody)[32] & 0xFF); // OutputOffset: header + 48
    }

    @Test
    void readsTheSmb1NegotiateDialects() throws Exception {
        byte[] raw = new Smb1Negotiate(List.of("NT LM 0.12", "SMB 2.002", "SMB 2.???")).encode();
        assertEquals(List.of("NT LM 0.12", "SMB 2.002", "SMB 2.???"), Smb1Negotiate.decode(raw).dialects());
        byte[] unterminated = raw.clone();
        unterminated[unterminated.length - 1] = 'x';
        assertThrows(MalformedMessageException.class, () -> Smb1Negotiate.decode(unterminated));
        assertThrows(MalformedMessageException.class, () -> Smb1Negotiate.decode(Arrays.copyOf(raw, 20)));
    }
}
