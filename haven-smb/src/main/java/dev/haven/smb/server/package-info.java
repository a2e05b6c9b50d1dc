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
 * <p>ByteBuf ownership: {@code TransportFrameDecoder} copies each inbound buffer into the frame
 * array it fills and releases the buffer in the same call; no ByteBuf travels further. Every
 * outgoing frame is a fresh unpooled buffer handed to {@code writeAndFlush}, which then owns it.
 */
package dev.haven.smb.server;
