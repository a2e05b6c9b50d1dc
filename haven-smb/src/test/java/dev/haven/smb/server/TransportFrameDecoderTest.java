package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WriteRequest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The split of large plain WRITE frames into a head array and pooled direct data: which frames
 * are split, that the bytes arrive whatever the segmentation, and that the direct memory is
 * given back on every path (processed, or the connection gone half-way).
 */
class TransportFrameDecoderTest {
    private static final int MAX_FRAME = 8 * 1024 * 1024 + 64 * 1024;
    private final PooledByteBufAllocator alloc = new PooledByteBufAllocator(true);

    @BeforeAll
    static void paranoidLeakDetection() {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
    }

    private EmbeddedChannel decoderOnly() {
        EmbeddedChannel ch = new EmbeddedChannel(new TransportFrameDecoder(MAX_FRAME));
        ch.config().setAllocator(alloc);
        return ch;
    }

    private long activeDirect() {
        return alloc.metric().directArenas().stream().mapToLong(a -> a.numActiveAllocations()).sum();
    }

    private static byte[] write(int dataLength, long seed) {
        byte[] data = new byte[dataLength];
        new Random(seed).nextBytes(data);
        return TestServers.request(Command.WRITE, 5, 0, 7, 9,
                new WriteRequest(0, new Smb2FileId(1, 2), 0, ByteBuffer.wrap(data))::encodeBody);
    }

    private static byte[] framed(byte[] message) {
        byte[] out = new byte[message.length + 4];
        System.arraycopy(SmbChannelHandler.transportHeader(message.length), 0, out, 0, 4);
        System.arraycopy(message, 0, out, 4, message.length);
        return out;
    }

    /** Feeds {@code bytes} in pieces cut at {@code cuts}. */
    private static void feed(EmbeddedChannel ch, byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            ch.writeInbound(Unpooled.copiedBuffer(bytes, from, cut - from));
            from = cut;
        }
        ch.writeInbound(Unpooled.copiedBuffer(bytes, from, bytes.length - from));
    }

    @Test
    void aLargePlainWriteArrivesSplitWhateverTheSegmentation() {
        byte[] message = write(TransportFrameDecoder.SPLIT_THRESHOLD, 1);
        byte[] frame = framed(message);
        int head = 4 + TransportFrameDecoder.WRITE_HEAD;
        int[][] segmentations = {{}, {1}, {3, 4, 5}, {head - 1}, {head}, {head + 1}, {70, 200, 60_000}, {frame.length - 1}};
        for (int[] cuts : segmentations) {
            EmbeddedChannel ch = decoderOnly();
            feed(ch, frame, cuts);
            TransportFrameDecoder.WriteFrame w = assertInstanceOf(TransportFrameDecoder.WriteFrame.class, ch.readInbound(),
                    Arrays.toString(cuts));
            assertArrayEquals(Arrays.copyOf(message, TransportFrameDecoder.WRITE_HEAD), w.head());
            assertArrayEquals(Arrays.copyOfRange(message, TransportFrameDecoder.WRITE_HEAD, message.length),
                    ByteBufUtil.getBytes(w.data()), Arrays.toString(cuts));
            w.data().release();
            assertNull(ch.readInbound());
            assertFalse(ch.finish());
        }
        assertEquals(0, activeDirect());
    }

    @Test
    void otherLargeFramesAndSmallWritesArriveWhole() {
        byte[] small = write(1000, 2);
        byte[] offsetMoved = write(TransportFrameDecoder.SPLIT_THRESHOLD, 3);
        offsetMoved[66] = 120; // DataOffset past the fixed fields
        byte[] compounded = write(TransportFrameDecoder.SPLIT_THRESHOLD, 4);
        compounded[20] = 8; // NextCommand
        byte[] read = write(TransportFrameDecoder.SPLIT_THRESHOLD, 5);
        read[12] = 8; // READ
        byte[] transform = write(TransportFrameDecoder.SPLIT_THRESHOLD, 6);
        transform[0] = (byte) 0xFD;
        for (byte[] message : new byte[][] {small, offsetMoved, compounded, read, transform}) {
            EmbeddedChannel ch = decoderOnly();
            feed(ch, framed(message), 50, 100);
            assertArrayEquals(message, assertInstanceOf(byte[].class, ch.readInbound()));
            assertFalse(ch.finish());
        }
        assertEquals(0, activeDirect());
    }

    @Test
    void aConnectionGoneHalfWayThroughTheDataGivesTheMemoryBack() {
        EmbeddedChannel ch = decoderOnly();
        byte[] frame = framed(write(TransportFrameDecoder.SPLIT_THRESHOLD * 2, 7));
        ch.writeInbound(Unpooled.copiedBuffer(frame, 0, frame.length / 2));
        assertEquals(1, activeDirect(), "the data buffer is being filled");
        ch.close();
        assertEquals(0, activeDirect());
    }

    @Test
    void theHandlerReleasesASplitWriteOnceProcessed() {
        EmbeddedChannel ch = new EmbeddedChannel(new TransportFrameDecoder(MAX_FRAME),
                new SmbChannelHandler(TestServers.context(), Runnable::run));
        ch.config().setAllocator(alloc);
        // A WRITE before NEGOTIATE: processed (the connection is closed for it) and released.
        ch.writeInbound(Unpooled.wrappedBuffer(framed(write(TransportFrameDecoder.SPLIT_THRESHOLD, 8))));
        assertFalse(ch.isActive());
        assertEquals(0, activeDirect());
    }
}
