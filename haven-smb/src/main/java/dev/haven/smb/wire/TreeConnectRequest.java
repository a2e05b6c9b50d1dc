package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;

/**
 * [MS-SMB2] 2.2.9: SMB2 TREE_CONNECT Request. StructureSize (9), Flags/Reserved (2),
 * PathOffset (2), PathLength (2), Buffer (UTF-16LE "\\server\share"). The 3.1.1 extension
 * (Flags 0x0004) is not supported and its bytes are read as a plain path.
 */
public record TreeConnectRequest(int flags, String path) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 9;

    static TreeConnectRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int flags = r.u16();
        int offset = r.u16();
        int length = r.u16();
        byte[] raw = r.buffer(offset, length, r.position());
        if (raw.length == 0) {
            throw MalformedMessageException.body("empty tree connect path");
        }
        return new TreeConnectRequest(flags, WireReader.utf16(raw));
    }

    /** The share name: the last path component, e.g. "data" of "\\host\data". */
    public String shareName() {
        int slash = path.lastIndexOf('\\');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        byte[] raw = path.getBytes(StandardCharsets.UTF_16LE);
        w.u16(STRUCTURE_SIZE).u16(flags).u16(Smb2Header.SIZE + 8).u16(raw.length).bytes(raw);
    }
}
