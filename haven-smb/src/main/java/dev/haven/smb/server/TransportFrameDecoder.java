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
 */
final class TransportFrameDecoder extends ChannelInboundHandlerAdapter {
    private static final int HEADER_SIZE = 4;

    private final int maxFrameSize;
    private final byte[] header = new byte[HEADER_SIZE];
    private int headerFilled;
    /** The frame being filled, or null while the header is read. */
    private byte[] frame;
    private int frameFilled;
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
                if (frame == null) {
                    readHeader(ctx, in);
                } else {
                    int n = Math.min(in.readableBytes(), frame.length - frameFilled);
                    in.readBytes(frame, frameFilled, n);
                    frameFilled += n;
                    emitIfComplete(ctx);
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
        frame = new byte[(int) length];
        frameFilled = 0;
        emitIfComplete(ctx);
    }

    private void emitIfComplete(ChannelHandlerContext ctx) {
        if (frameFilled == frame.length) {
            byte[] done = frame;
            frame = null;
            ctx.fireChannelRead(done);
        }
    }
}
