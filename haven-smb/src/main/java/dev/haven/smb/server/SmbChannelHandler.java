package dev.haven.smb.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.TooLongFrameException;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.net.SocketAddress;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The per-connection Netty handler. It receives each frame from the {@link TransportFrameDecoder}
 * (an array, or a split WRITE whose data it releases once processed) and hands it to the
 * connection's {@link SerialExecutor}, where all processing runs.
 */
final class SmbChannelHandler extends ChannelInboundHandlerAdapter {
    private static final int TRANSPORT_HEADER_SIZE = 4;
    private static final Logger LOG = System.getLogger(SmbChannelHandler.class.getName());

    private final ServerContext server;
    private final FrameProcessor processor = new FrameProcessor();
    private final SerialExecutor serial;
    private Connection connection;

    SmbChannelHandler(ServerContext server, Executor workers) {
        this.server = server;
        this.serial = new SerialExecutor(workers);
    }

    SerialExecutor serial() {
        return serial;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        connection = new Connection(server, address(ctx.channel().remoteAddress()), new Output(ctx));
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        Connection gone = connection;
        if (gone != null) {
            try {
                serial.execute(gone::closeAll);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                gone.closeAll(); // the workers are gone, so nothing else touches this connection
            }
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        switch (msg) {
            case byte[] frame -> serial.execute(() -> handle(ctx, frame, null));
            case TransportFrameDecoder.WriteFrame write -> {
                try {
                    serial.execute(() -> {
                        try {
                            handle(ctx, write.head(), write.data().nioBuffer());
                        } finally {
                            write.data().release(); // the WRITE has reached the file, or failed
                        }
                    });
                } catch (RuntimeException e) {
                    write.data().release();
                    throw e;
                }
            }
            default -> ctx.fireChannelRead(msg);
        }
    }

    /** Processes one frame; {@code trailing} is a split WRITE's data, which follows {@code frame}. */
    private void handle(ChannelHandlerContext ctx, byte[] frame, ByteBuffer trailing) {
        if (!ctx.channel().isActive()) {
            return;
        }
        Outcome outcome;
        try {
            outcome = processor.process(connection, frame, trailing);
        } catch (RuntimeException e) {
            // Last resort: the pipeline maps request errors; anything escaping it is a bug here.
            LOG.log(Level.ERROR, "internal error on connection from " + connection.clientAddress, e);
            ctx.close();
            return;
        }
        switch (outcome) {
            case Outcome.Send send -> {
                Runnable write = () -> ctx.writeAndFlush(Unpooled.wrappedBuffer(transportHeader(send.payload().length),
                        send.payload()));
                if (send.delay().isZero()) {
                    write.run();
                } else {
                    // Logon throttling holds the reply back without blocking a thread.
                    ctx.executor().schedule(write, send.delay().toNanos(), TimeUnit.NANOSECONDS);
                }
            }
            case Outcome.SendLent lent -> lent.message().send(lent.length());
            case Outcome.Silent silent -> { }
            case Outcome.Disconnect d -> {
                ClientFaultLog.warn("closing connection from {0}: {1}", connection.clientAddress, d.reason());
                ctx.close();
            }
        }
    }

    /** Late responses and server-initiated messages: through the serial executor, onto the channel. */
    private final class Output implements ConnectionOutput {
        private final ChannelHandlerContext ctx;

        Output(ChannelHandlerContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void execute(Runnable task) {
            try {
                serial.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                LOG.log(Level.DEBUG, "connection from {0} is shutting down: late message dropped", connection.clientAddress);
            }
        }

        @Override
        public void executeFirst(Runnable task) {
            if (serial.isCurrentThread()) {
                task.run();
            } else {
                execute(task);
            }
        }

        @Override
        public boolean isClosed() {
            return !ctx.channel().isActive();
        }

        @Override
        public OutboundBuffer lend(int length) {
            return new LentBuffer(ctx, length);
        }

        @Override
        public void send(byte[] payload) {
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(transportHeader(payload.length), payload));
            }
        }
    }

    /**
     * A pooled direct buffer with room for the transport header in front of the message: the
     * socket writes it without the copy a heap array would need.
     */
    private static final class LentBuffer implements OutboundBuffer {
        private final ChannelHandlerContext ctx;
        private final ByteBuf buf;
        private final ByteBuffer message;

        LentBuffer(ChannelHandlerContext ctx, int length) {
            this.ctx = ctx;
            this.buf = ctx.alloc().directBuffer(TRANSPORT_HEADER_SIZE + length);
            this.message = buf.nioBuffer(TRANSPORT_HEADER_SIZE, length);
        }

        @Override
        public ByteBuffer message() {
            return message;
        }

        @Override
        public void send(int length) {
            buf.setBytes(0, transportHeader(length));
            buf.writerIndex(TRANSPORT_HEADER_SIZE + length);
            ctx.writeAndFlush(buf); // Netty releases it once written, or when the channel is gone
        }

        @Override
        public void release() {
            buf.release();
        }
    }

    /** [MS-SMB2] 2.1: a zero byte, then the 24-bit big-endian length. */
    static byte[] transportHeader(int length) {
        return new byte[] {0, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException) {
            ClientFaultLog.warn("closing connection from {0}: {1}", ctx.channel().remoteAddress(), cause.getMessage());
        } else if (cause instanceof IOException) {
            LOG.log(Level.DEBUG, "connection from {0} failed: {1}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.log(Level.ERROR, "unexpected error on connection from " + ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }
}
