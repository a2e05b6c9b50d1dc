/**
 * DCE/RPC over SMB named pipes: the connection-oriented PDUs of DCE 1.1 RPC (C706 chapter 12) as
 * profiled by [MS-RPCE] 2.2.2 (bind, bind_ack, bind_nak, alter_context, request, response,
 * fault), NDR20 marshalling (C706 chapter 14) of what the served interfaces need, and the one
 * interface served so far, srvsvc ([MS-SRVS]: NetrShareEnum, NetrServerGetInfo).
 *
 * <p>The SMB server owns the pipe opens on IPC$ and hands each pipe's written bytes to an
 * {@link dev.haven.smb.rpc.RpcPipe}, which answers with bytes to read. This package knows nothing
 * of SMB handles or storage: the shares it lists come from a {@link dev.haven.smb.rpc.ServerDescription}.
 * Malformed PDUs raise {@link dev.haven.smb.wire.MalformedMessageException} while decoding and are
 * answered with a fault PDU; nothing here throws an unchecked exception on client input.
 */
package dev.haven.smb.rpc;
