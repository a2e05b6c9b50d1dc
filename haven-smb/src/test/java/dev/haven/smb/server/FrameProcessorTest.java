package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.Dialect;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.Compound;
import dev.haven.smb.wire.HeaderFlags;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NegotiateResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb1Negotiate;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.WireReader;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FrameProcessorTest {
    private final FrameProcessor processor = new FrameProcessor();
    private final Connection connection = TestServers.connection();

    private byte[] send(byte[] frame) {
        Outcome out = processor.process(connection, frame);
        return assertInstanceOf(Outcome.Send.class, out, () -> "got " + out).payload();
    }

    private static Smb2Header header(byte[] message) throws MalformedMessageException {
        return Smb2Header.decode(new WireReader(message));
    }

    private void negotiate302() {
        send(TestServers.negotiate(0, 0x0202, 0x0302));
    }

    @Test
    void negotiatesTheHighestCommonDialect() throws Exception {
        byte[] reply = send(TestServers.negotiate(0, 0x0202, 0x0210, 0x0302, 0x0999));
        Smb2Header h = header(reply);
        assertEquals(NtStatus.SUCCESS, h.status());
        assertTrue(HeaderFlags.has(h.flags(), HeaderFlags.SERVER_TO_REDIR));
        assertTrue(h.credits() >= 1);
        NegotiateResponse n = NegotiateResponse.decode(new WireReader(reply));
        assertEquals(0x0302, n.dialectRevision());
        assertTrue(n.securityBuffer().length > 0, "SPNEGO hint present");
        assertEquals(Dialect.SMB_3_0_2, connection.dialect);
    }

    @Test
    void refusesANegotiateWithoutACommonDialect() throws Exception {
        assertEquals(NtStatus.NOT_SUPPORTED, header(send(TestServers.negotiate(0, 0x0100))).status());
    }

    @Test
    void answersSmb1WildcardNegotiateWithDialect02ffThenAcceptsSmb2Negotiate() throws Exception {
        byte[] smb1 = new Smb1Negotiate(List.of("NT LM 0.12", "SMB 2.002", "SMB 2.???")).encode();
        byte[] reply = send(smb1);
        assertEquals(NegotiateResponse.WILDCARD_DIALECT, NegotiateResponse.decode(new WireReader(reply)).dialectRevision());
        assertEquals(0, header(reply).messageId());
        byte[] second = send(TestServers.negotiate(1, 0x0210, 0x0300));
        assertEquals(0x0300, NegotiateResponse.decode(new WireReader(second)).dialectRevision());
    }

    @Test
    void answersSmb1NegotiateOffering2002Only() throws Exception {
        byte[] reply = send(new Smb1Negotiate(List.of("NT LM 0.12", "SMB 2.002")).encode());
        assertEquals(0x0202, NegotiateResponse.decode(new WireReader(reply)).dialectRevision());
        assertTrue(connection.negotiated());
    }

    @Test
    void disconnectsSmb1WithoutSmb2AndSmb1AfterNegotiate() {
        assertInstanceOf(Outcome.Disconnect.class,
                processor.process(connection, new Smb1Negotiate(List.of("NT LM 0.12")).encode()));
        Connection other = TestServers.connection();
        processor.process(other, TestServers.negotiate(0, 0x0202));
        assertInstanceOf(Outcome.Disconnect.class,
                processor.process(other, new Smb1Negotiate(List.of("SMB 2.002")).encode()));
    }

    @Test
    void disconnectsRequestsBeforeNegotiateAndASecondNegotiate() {
        assertInstanceOf(Outcome.Disconnect.class, processor.process(connection, TestServers.echo(0)));
        Connection other = TestServers.connection();
        processor.process(other, TestServers.negotiate(0, 0x0202));
        assertInstanceOf(Outcome.Disconnect.class, processor.process(other, TestServers.negotiate(1, 0x0202)));
    }

    @Test
    void disconnectsAMessageIdOutsideTheWindowOrReused() {
        negotiate302();
        long granted = connection.credits.high();
        assertInstanceOf(Outcome.Disconnect.class, processor.process(connection, TestServers.echo(granted)));
        Connection other = TestServers.connection();
        processor.process(other, TestServers.negotiate(0, 0x0302));
        processor.process(other, TestServers.echo(1));
        assertInstanceOf(Outcome.Disconnect.class, processor.process(other, TestServers.echo(1)));
    }

    @Test
    void answersEchoWithoutASession() throws Exception {
        negotiate302();
        byte[] reply = send(TestServers.echo(1));
        assertEquals(Command.ECHO, header(reply).command());
        assertEquals(NtStatus.SUCCESS, header(reply).status());
    }

    @Test
    void answersAnUnknownSessionWithUserSessionDeleted() throws Exception {
        negotiate302();
        byte[] tree = TestServers.request(Command.TREE_CONNECT, 1, 0, 0x1234, 0, w -> w.u16(9).u16(0).u16(72).u16(2)
                .u16('x'));
        assertEquals(NtStatus.USER_SESSION_DELETED, header(send(tree)).status());
        byte[] create = TestServers.request(Command.CREATE, 2, 0, 0x1234, 1, w -> w.u16(57).u16(0));
        assertEquals(NtStatus.USER_SESSION_DELETED, header(send(create)).status());
    }

    @Test
    void answersAMalformedBodyWithInvalidParameter() throws Exception {
        negotiate302();
        byte[] badEcho = TestServers.request(Command.ECHO, 1, 0, 0, 0, w -> w.u16(5).u16(0));
        byte[] reply = send(badEcho);
        assertEquals(NtStatus.INVALID_PARAMETER, header(reply).status());
        assertEquals(64 + 9, reply.length); // ERROR response body
    }

    @Test
    void cancelIsNeverAnsweredAndUsesNoMessageId() {
        negotiate302();
        byte[] cancel = TestServers.request(Command.CANCEL, 1, 0, 0, 0, w -> w.u16(4).u16(0));
        assertInstanceOf(Outcome.Silent.class, processor.process(connection, cancel));
        assertInstanceOf(Outcome.Send.class, processor.process(connection, TestServers.echo(1)));
    }

    @Test
    void answersACompoundWithAlignedLinkedResponses() throws Exception {
        negotiate302();
        byte[] first = Compound.link(TestServers.echo(1), false);
        byte[] reply = send(Compound.join(List.of(first, TestServers.echo(2))));
        List<Compound.Slice> slices = Compound.split(reply);
        assertEquals(2, slices.size());
        assertEquals(0, slices.get(1).offset() % 8);
        assertEquals(2, header(Arrays.copyOfRange(reply, slices.get(1).offset(), reply.length)).messageId());
    }

    @Test
    void failsACompoundThatStartsWithARelatedRequest() throws Exception {
        negotiate302();
        byte[] related = TestServers.request(Command.ECHO, 1, HeaderFlags.RELATED_OPERATIONS, 0, 0,
                w -> w.u16(4).u16(0));
        assertEquals(NtStatus.INVALID_PARAMETER, header(send(related)).status());
    }

    @Test
    void relatedRequestsInheritTheSessionOfThePreviousOne() throws Exception {
        negotiate302();
        byte[] first = Compound.link(TestServers.request(Command.TREE_DISCONNECT, 1, 0, 0x77, 3,
                w -> w.u16(4).u16(0)), false);
        byte[] second = TestServers.request(Command.TREE_DISCONNECT, 2, HeaderFlags.RELATED_OPERATIONS,
                0xFFFFFFFFFFFFFFFFL, 0xFFFFFFFF, w -> w.u16(4).u16(0));
        byte[] reply = send(Compound.join(List.of(first, second)));
        List<Compound.Slice> slices = Compound.split(reply);
        Smb2Header h = header(Arrays.copyOfRange(reply, slices.get(1).offset(), reply.length));
        assertEquals(0x77, h.sessionId());
        assertEquals(3, h.treeId());
        assertTrue(HeaderFlags.has(h.flags(), HeaderFlags.RELATED_OPERATIONS));
        // smbtorture smb2.compound.invalid2: the first had no valid session, so the related one
        // has none to inherit and fails with INVALID_PARAMETER.
        assertEquals(NtStatus.USER_SESSION_DELETED, header(reply).status());
        assertEquals(NtStatus.INVALID_PARAMETER, h.status());
    }

    @Test
    void theErrorAnswerToASignedRequestWithoutSessionKeepsTheSignedFlag() throws Exception {
        // smbtorture smb2.connect: a second LOGOFF is signed; its USER_SESSION_DELETED must say SIGNED.
        negotiate302();
        byte[] logoff = TestServers.request(Command.LOGOFF, 1, HeaderFlags.SIGNED, 0x1234, 0, w -> w.u16(4).u16(0));
        Smb2Header h = header(send(logoff));
        assertEquals(NtStatus.USER_SESSION_DELETED, h.status());
        assertTrue(HeaderFlags.has(h.flags(), HeaderFlags.SIGNED));
        byte[] unsigned = TestServers.request(Command.LOGOFF, 2, 0, 0x1234, 0, w -> w.u16(4).u16(0));
        assertEquals(0, header(send(unsigned)).flags() & HeaderFlags.SIGNED);
    }

    @Test
    void disconnectsATransformMessageWithoutSessionKeys() {
        negotiate302();
        byte[] transform = new byte[52 + 64];
        transform[0] = (byte) 0xFD;
        transform[1] = 'S';
        transform[2] = 'M';
        transform[3] = 'B';
        assertInstanceOf(Outcome.Disconnect.class, processor.process(connection, transform));
    }

    @Test
    void neverThrowsOnMutatedFrames() {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<byte[]> seeds = List.of(TestServers.negotiate(0, 0x0202, 0x0311),
                new Smb1Negotiate(List.of("SMB 2.???")).encode(),
                Compound.join(List.of(Compound.link(TestServers.echo(0), false), TestServers.echo(1))));
        for (int i = 0; i < 3000; i++) {
            byte[] frame = seeds.get(random.nextInt(seeds.size())).clone();
            int mutations = 1 + random.nextInt(4);
            for (int m = 0; m < mutations; m++) {
                frame[random.nextInt(frame.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                frame = Arrays.copyOf(frame, random.nextInt(frame.length + 1));
            }
            Connection c = TestServers.connection();
            try {
                assertNotNull(processor.process(c, frame));
                assertNotNull(processor.process(c, TestServers.echo(1)));
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + ", case " + i + ": " + e, e);
            }
        }
    }
}
