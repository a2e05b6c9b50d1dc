/**
 * The SMB2/3 server core on Netty: transport framing, per-connection state (dialect, credits,
 * channels), the server-wide session table (sessions, their tree connects and opens), dispatch of decoded requests to one handler per command, signing and
 * encryption of responses, and the {@link dev.haven.smb.server.SmbServer} lifecycle.
 *
 * <p>Threading: the Netty event loop only frames and copies each frame into a byte array; all
 * per-connection processing runs in order on that connection's {@code SerialExecutor} over
 * virtual threads, so connection state (and each {@code Channel}, a connection's part of a
 * session) is touched by one thread at a time and needs no locks. Blocking work
 * (authentication) therefore never runs on an event loop. Sessions are the exception: they
 * live in the server-wide {@code SessionTable} and may be bound to several connections
 * (multichannel, [MS-SMB2] 3.3.5.5.2), so {@code Session} is safe for concurrent use (concurrent
 * tree and open tables, volatile identity and keys, transitions under its own lock), and a
 * connection reaches into another connection's state only through its {@code ConnectionOutput}.
 *
 * <p>ByteBuf ownership: {@code TransportFrameDecoder} copies each inbound buffer into the frame
 * array it fills and releases the buffer in the same call; no ByteBuf travels further. Every
 * outgoing frame is a fresh unpooled buffer handed to {@code writeAndFlush}, which then owns it.
 */
package dev.haven.smb.server;
