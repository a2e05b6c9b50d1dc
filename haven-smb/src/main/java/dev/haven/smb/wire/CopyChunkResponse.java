package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.32.1 SRV_COPYCHUNK_RESPONSE: ChunksWritten, ChunkBytesWritten,
 * TotalBytesWritten (4 bytes each). After STATUS_INVALID_PARAMETER for a request over the limits
 * the same fields carry the server's limits instead (3.3.5.15.6).
 */
public record CopyChunkResponse(int chunksWritten, int chunkBytesWritten, int totalBytesWritten) {
    /** Size of the encoded response. */
    public static final int SIZE = 12;

    /** The IOCTL output buffer. */
    public byte[] encode() {
        return new WireWriter(SIZE).u32(chunksWritten).u32(chunkBytesWritten).u32(totalBytesWritten).toByteArray();
    }

    /** Decodes an output buffer (tests and clients). */
    public static CopyChunkResponse decode(byte[] out) throws MalformedMessageException {
        WireReader r = new WireReader(out);
        return new CopyChunkResponse(r.u32(), r.u32(), r.u32());
    }
}
