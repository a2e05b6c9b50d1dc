package dev.haven.smb.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;

/**
 * [MS-SMB2] 2.1 Direct TCP transport: a zero byte and a 24-bit big-endian length, then the
 * SMB2 message(s). Each frame is copied once, straight from the socket's buffers into an array
 * of exactly its length, which the next handler receives; nothing is accumulated in Netty
 * buffers (a general cumulating decoder copies an 8 MiB WRITE several times while it grows, and
 * allocates fresh direct memory for it). Read as one 32-bit length, a non-zero first byte makes
 * the frame too long; any length above the maximum fails as soon as the 4 header bytes arrive,
 * before anything is allocated, and no further input is read.
 *
 * <p>A large frame that is one plain WRITE whose data follows its fixed fields (what clients send
 * for bulk writes) is split instead: its first {@link #WRITE_HEAD} bytes go into an array and its
 * data into pooled direct memory, passed on as a {@link WriteFrame} (the next handler releases
 * it). The data then reaches the file without passing through the Java heap.
 */
final class TransportFrameDecoder extends ChannelInboundHandlerAdapter {
    private static final int HEADER_SIZE = 4;
    /** SMB2 header and WRITE request fixed fields: where a WRITE's data starts ([MS-SMB2] 2.2.21). */
    static final int WRITE_HEAD = 64 + 48;
    /** Frames this long or longer may be split. */
    static final int SPLIT_THRESHOLD = WRITE_HEAD + 64 * 1024;

    /** A WRITE frame: its header and fixed fields, and its data in direct memory the receiver releases. */
    record WriteFrame(byte[] head, ByteBuf data) {
    }

    private final int maxFrameSize;
    private final byte[] header = new byte[HEADER_SIZE];
    private int headerFilled;
    /** Length of the frame being read. */
    private int frameLength;
    /** The first bytes of a large frame, read before deciding whether to split it. */
    private byte[] head;
    private int headFilled;
    /** The frame being filled (whole), or null. */
    private byte[] frame;
    private int frameFilled;
    /** The data of a split WRITE being filled, or null. */
    private ByteBuf data;
    private boolean failed;

    TransportFrameDecoder(int maxFrameSize) {
        this.maxFrameSize = maxFrameSize;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && !failed) {
                if (frame != null) {
                    int n = Math.min(in.readableBytes(), frame.length - frameFilled);
                    in.readBytes(frame, frameFilled, n);
                    frameFilled += n;
                    emitIfComplete(ctx);
                } else if (data != null) {
                    in.readBytes(data, Math.min(in.readableBytes(), data.writableBytes()));
                    emitIfComplete(ctx);
                } else if (head != null) {
                    int n = Math.min(in.readableBytes(), head.length - headFilled);
                    in.readBytes(head, headFilled, n);
                    headFilled += n;
                    if (headFilled == head.length) {
                        decide(ctx);
                    }
                } else {
                    readHeader(ctx, in);
                }
            }
        } finally {
            in.release();
        }
    }

    private void readHeader(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(in.readableBytes(), HEADER_SIZE - headerFilled);
        in.readBytes(header, headerFilled, n);
        headerFilled += n;
        if (headerFilled < HEADER_SIZE) {
            return;
        }
        headerFilled = 0;
        long length = (header[0] & 0xFFL) << 24 | (header[1] & 0xFF) << 16 | (header[2] & 0xFF) << 8 | header[3] & 0xFF;
        if (length > maxFrameSize) {
            failed = true;
            ctx.fireExceptionCaught(new TooLongFrameException(
                    "frame of " + length + " bytes is longer than " + maxFrameSize));
            return;
        }
        frameLength = (int) length;
        if (frameLength >= SPLIT_THRESHOLD) {
            head = new byte[WRITE_HEAD];
            headFilled = 0;
            return;
        }
        frame = new byte[frameLength];
        frameFilled = 0;
        emitIfComplete(ctx);
    }

    /** The head of a large frame is in: split it if it is a plain WRITE, else read it whole. */
    private void decide(ChannelHandlerContext ctx) {
        if (isPlainWrite(head, frameLength)) {
            data = ctx.alloc().directBuffer(frameLength - WRITE_HEAD);
        } else {
            frame = new byte[frameLength];
            System.arraycopy(head, 0, frame, 0, WRITE_HEAD);
            frameFilled = WRITE_HEAD;
            head = null;
        }
        emitIfComplete(ctx);
    }

    /**
     * One SMB2 WRITE, not compounded, whose DataOffset is the end of its fixed fields and whose
     * Length runs to the end of the frame; anything else (a TRANSFORM, a compound, other
     * offsets) is read whole and decoded as usual, with all its checks.
     */
    static boolean isPlainWrite(byte[] h, int frameLength) {
        return (h[0] & 0xFF) == 0xFE && h[1] == 'S' && h[2] == 'M' && h[3] == 'B'
                && FrameProcessor.readLe(h, 12, 2) == 0x0009 // Command WRITE
                && FrameProcessor.readLe(h, 20, 4) == 0 // NextCommand
                && FrameProcessor.readLe(h, 64, 2) == 49 // StructureSize
                && FrameProcessor.readLe(h, 66, 2) == WRITE_HEAD // DataOffset
                && FrameProcessor.readLe(h, 68, 4) == frameLength - WRITE_HEAD; // Length
    }

    private void emitIfComplete(ChannelHandlerContext ctx) {
        if (frame != null && frameFilled == frame.length) {
            byte[] done = frame;
            frame = null;
            ctx.fireChannelRead(done);
        } else if (data != null && !data.isWritable()) {
            WriteFrame done = new WriteFrame(head, data);
            head = null;
            data = null;
            ctx.fireChannelRead(done);
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (data != null) {
            data.release(); // the connection ended half-way through a WRITE's data
            data = null;
        }
    }
}
