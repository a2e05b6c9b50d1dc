/**
 * The SMB2/3 wire format ([MS-SMB2] 2.1, 2.2): the 64-byte header, one immutable record per
 * request and response, negotiate contexts, compound splitting, the SMB1 negotiate probe, and the
 * FSCTL payloads carried by IOCTL ([MS-SMB2] 2.2.31.x / 2.2.32.x, [MS-FSCC] 2.3.x; {@link FsctlCode}).
 *
 * <p>Messages are decoded from and encoded to plain byte arrays ({@link WireReader},
 * {@link WireWriter}); this package holds no Netty buffers, so nothing here can leak. The server
 * copies each transport frame into an array once and releases the Netty buffer at that point.
 * Malformed input raises {@link MalformedMessageException}, never anything else.
 */
package dev.haven.smb.wire;
