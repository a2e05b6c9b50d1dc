package dev.haven.smb.server;

import dev.haven.smb.auth.LogonThrottle;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An SMB2/3 server on Netty NIO. Close order: stop accepting, let in-flight requests finish
 * (bounded wait), close every connection, shut down the event loops and the worker executor.
 */
public final class SmbServer implements AutoCloseable {
    private static final long DRAIN_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final EventLoopGroup boss;
    private final EventLoopGroup loops;
    private final ExecutorService workers;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final List<SmbChannelHandler> handlers = new CopyOnWriteArrayList<>();
    private final Channel serverChannel;

    private final ServerContext context;
    private final ReentrantLock sharesLock = new ReentrantLock();

    private SmbServer(SmbServerConfig config, SmbObserver observer, String host, int port)
            throws InterruptedException {
        dev.haven.smb.crypto.CryptoWarmUp.start();
        SecureRandom random = new SecureRandom();
        byte[] guid = new byte[16];
        random.nextBytes(guid);
        context = new ServerContext(config, guid, random, new LogonThrottle(config.clock()), observer,
                new CopyOnWriteArrayList<>(config.shares()));
        boss = new NioEventLoopGroup(1);
        loops = new NioEventLoopGroup();
        workers = Executors.newVirtualThreadPerTaskExecutor();
        ServerBootstrap bootstrap = new ServerBootstrap().group(boss, loops).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.ALLOCATOR, ALLOCATOR)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        SmbChannelHandler handler = new SmbChannelHandler(context, workers);
                        handlers.add(handler);
                        ch.closeFuture().addListener(f -> handlers.remove(handler));
                        ch.pipeline().addLast("frame", frameDecoder(config.maxFrameSize()));
                        ch.pipeline().addLast("smb", handler);
                    }
                });
        try {
            serverChannel = bootstrap.bind(host, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownGroups();
            throw e;
        }
    }

    /**
     * Netty's pooled allocator with 16 MiB chunks instead of its default 4 MiB: every frame of up
     * to 8 MiB of data (MaxRead/MaxWrite) then passes through pooled memory when Netty copies a
     * response into a direct buffer for the socket. With 4 MiB chunks each such buffer was a
     * fresh, zeroed allocation outside the pool: hundreds of thousands of page faults per GiB.
     */
    private static final PooledByteBufAllocator ALLOCATOR = new PooledByteBufAllocator(true, 0,
            PooledByteBufAllocator.defaultNumDirectArena(), PooledByteBufAllocator.defaultPageSize(), 11,
            PooledByteBufAllocator.defaultSmallCacheSize(), PooledByteBufAllocator.defaultNormalCacheSize(),
            PooledByteBufAllocator.defaultUseCacheForAllThreads());

    /** [MS-SMB2] 2.1: the Direct TCP transport framing, limited to {@code maxFrameSize} bytes per frame. */
    static TransportFrameDecoder frameDecoder(int maxFrameSize) {
        return new TransportFrameDecoder(maxFrameSize);
    }

    /** Starts a server on {@code host}:{@code port}; port 0 picks a free port. */
    public static SmbServer start(SmbServerConfig config, String host, int port) throws InterruptedException {
        return new SmbServer(config, SmbObserver.NONE, host, port);
    }

    /** Starts a server that reports what it does to {@code observer}. */
    public static SmbServer start(SmbServerConfig config, SmbObserver observer, String host, int port)
            throws InterruptedException {
        return new SmbServer(config, observer, host, port);
    }

    /** Offers another share from now on; false when a share of that name exists. */
    public boolean addShare(ShareConfig share) {
        sharesLock.lock();
        try {
            return context.share(share.name()) == null && context.shares().add(share);
        } finally {
            sharesLock.unlock();
        }
    }

    /** Stops offering a share to new TREE_CONNECTs (trees already connected keep it until they end). */
    public boolean removeShare(String name) {
        return context.shares().removeIf(s -> s.matches(name));
    }

    /** The address the server listens on. */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** The port the server listens on. */
    public int port() {
        return address().getPort();
    }

    @Override
    public void close() {
        try {
            serverChannel.close().sync();
            long deadline = System.nanoTime() + DRAIN_NANOS;
            for (SmbChannelHandler handler : handlers) {
                handler.serial().awaitIdle(deadline);
            }
            channels.close().await();
            shutdownGroups();
            workers.shutdown();
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            workers.shutdownNow();
        }
    }

    private void shutdownGroups() throws InterruptedException {
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await();
    }
}
