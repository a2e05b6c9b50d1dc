/**
 * The SMB2/3 server core on Netty: transport framing, per-connection state (dialect, credits,
 * sessions, tree connects), dispatch of decoded requests to one handler per command, signing and
 * encryption of responses, and the {@link dev.haven.smb.server.SmbServer} lifecycle.
 *
 * <p>Threading: the Netty event loop only frames and copies each frame into a byte array; all
 * per-connection processing runs in order on that connection's {@code SerialExecutor} over
 * virtual threads, so connection, session and tree state are touched by one thread at a time
 * and need no locks. Blocking work (authentication) therefore never runs on an event loop.
 *
 * <p>ByteBuf ownership: a frame decoded by {@code LengthFieldBasedFrameDecoder} is owned by
 * {@code SmbChannelHandler}, which copies it and releases it in the same call. Every outgoing
 * frame is a fresh unpooled buffer handed to {@code writeAndFlush}, which then owns it.
 *
 * <p>Oplocks and leases: {@code CreateHandler} asks the file service's lease manager for what a
 * CREATE breaks and goes asynchronous while a break is awaited; {@code BreakSender} listens for
 * the file service's breaks and queues each notification on the holder's connection through its
 * {@code ConnectionOutput}; {@code OplockBreakHandler} takes the acknowledgments ([MS-SMB2]
 * 3.3.4.6, 3.3.4.7, 3.3.5.22).
 */
package dev.haven.smb.server;
