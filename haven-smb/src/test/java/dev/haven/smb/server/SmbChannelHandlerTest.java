package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.wire.NegotiateResponse;
import dev.haven.smb.wire.WireReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Netty side: Direct TCP framing ([MS-SMB2] 2.1) fed at every split position, oversize
 * length prefixes, and buffer ownership (every inbound buffer released, nothing leaked).
 */
class SmbChannelHandlerTest {
    private static final int MAX_FRAME = 64 * 1024;
    private final List<ByteBuf> inbound = new ArrayList<>();

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(SmbServer.frameDecoder(MAX_FRAME),
                new SmbChannelHandler(TestServers.context(), Runnable::run));
    }

    private ByteBuf buffer(byte[] bytes, int from, int to) {
        ByteBuf b = PooledByteBufAllocator.DEFAULT.directBuffer(to - from);
        b.writeBytes(bytes, from, to - from);
        inbound.add(b);
        return b;
    }

    private static byte[] framed(byte[] message) {
        byte[] out = new byte[message.length + 4];
        System.arraycopy(SmbChannelHandler.transportHeader(message.length), 0, out, 0, 4);
        System.arraycopy(message, 0, out, 4, message.length);
        return out;
    }

    private void assertAllReleased() {
        for (ByteBuf b : inbound) {
            assertEquals(0, b.refCnt(), "inbound buffer not released");
        }
    }

    private static byte[] readReply(EmbeddedChannel ch) {
        ByteBuf out = ch.readOutbound();
        assertNotNull(out, "no reply");
        try {
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    @Test
    void answersANegotiateSplitAtEveryPosition() throws Exception {
        byte[] frame = framed(TestServers.negotiate(0, 0x0202, 0x0210));
        for (int split = 0; split <= frame.length; split++) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(buffer(frame, 0, split));
            ch.writeInbound(buffer(frame, split, frame.length));
            byte[] reply = readReply(ch);
            assertEquals(reply.length - 4, (reply[1] & 0xFF) << 16 | (reply[2] & 0xFF) << 8 | reply[3] & 0xFF);
            byte[] message = Arrays.copyOfRange(reply, 4, reply.length);
            assertEquals(0x0210, NegotiateResponse.decode(new WireReader(message)).dialectRevision());
            assertNull(ch.readOutbound());
            assertFalse(ch.finishAndReleaseAll());
        }
        assertAllReleased();
    }

    @Test
    void answersTwoFramesArrivingInOneBuffer() {
        byte[] both = concat(framed(TestServers.negotiate(0, 0x0302)), framed(TestServers.echo(1)));
        EmbeddedChannel ch = channel();
        ch.writeInbound(buffer(both, 0, both.length));
        readReply(ch);
        readReply(ch);
        ch.finishAndReleaseAll();
        assertAllReleased();
    }

    /** A length above the maximum, or a first byte that is not zero, closes before buffering. */
    @Test
    void closesOnAnOversizeLengthPrefixBeforeBufferingIt() {
        byte[][] headers = {{0, 0x7F, (byte) 0xFF, (byte) 0xFF}, {1, 0, 0, 64}};
        for (byte[] header : headers) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(buffer(header, 0, 4));
            assertFalse(ch.isActive());
            ch.finishAndReleaseAll();
        }
        assertAllReleased();
    }

    @Test
    void closesOnAProtocolViolationWithoutReply() {
        EmbeddedChannel ch = channel();
        byte[] frame = framed(TestServers.echo(0)); // ECHO before NEGOTIATE
        ch.writeInbound(buffer(frame, 0, frame.length));
        assertNull(ch.readOutbound());
        assertFalse(ch.isActive());
        ch.finishAndReleaseAll();
        assertAllReleased();
    }

    @Test
    void closesOnTruncatedOrGarbageMessages() {
        byte[][] bad = {framed(new byte[10]), framed(Arrays.copyOf(TestServers.negotiate(0, 0x0202), 40)),
                framed(new byte[] {(byte) 0xFE, 'S', 'M', 'B'})};
        for (byte[] frame : bad) {
            EmbeddedChannel ch = channel();
            ch.writeInbound(buffer(frame, 0, frame.length));
            assertTrue(!ch.isActive() || ch.readOutbound() == null);
            ch.finishAndReleaseAll();
        }
        assertAllReleased();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
