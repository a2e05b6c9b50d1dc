package dev.haven.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.31.1 SRV_COPYCHUNK_COPY: SourceKey (24), ChunkCount (4), Reserved (4), then
 * ChunkCount SRV_COPYCHUNK entries (2.2.31.1.1): SourceOffset (8), TargetOffset (8), Length (4),
 * Reserved (4). Offsets are unsigned 64-bit on the wire and kept as raw bits here.
 */
public record CopyChunkRequest(byte[] sourceKey, List<Chunk> chunks) {
    private static final int FIXED = 32;
    private static final int CHUNK = 24;

    /** One SRV_COPYCHUNK entry; {@code length} is unsigned (0 to 2^32 - 1). */
    public record Chunk(long sourceOffset, long targetOffset, long length) {
    }

    /** Copies the key and the list. */
    public CopyChunkRequest {
        sourceKey = sourceKey.clone();
        chunks = List.copyOf(chunks);
    }

    @Override
    public byte[] sourceKey() {
        return sourceKey.clone();
    }

    /** Decodes the IOCTL input buffer; a buffer shorter than its ChunkCount says is malformed. */
    public static CopyChunkRequest decode(byte[] input) throws MalformedMessageException {
        WireReader r = new WireReader(input);
        byte[] key = r.bytes(24);
        long count = r.u32() & 0xFFFFFFFFL;
        r.skip(4);
        if (count > (input.length - FIXED) / CHUNK) {
            throw MalformedMessageException.body("ChunkCount " + count + " in " + input.length + " bytes");
        }
        List<Chunk> chunks = new ArrayList<>((int) count);
        for (long i = 0; i < count; i++) {
            long src = r.u64();
            long dst = r.u64();
            long len = r.u32() & 0xFFFFFFFFL;
            r.skip(4);
            chunks.add(new Chunk(src, dst, len));
        }
        return new CopyChunkRequest(key, chunks);
    }

    /** The IOCTL input buffer. */
    public byte[] encode() {
        WireWriter w = new WireWriter(FIXED + CHUNK * chunks.size()).bytes(sourceKey).u32(chunks.size()).u32(0);
        for (Chunk c : chunks) {
            w.u64(c.sourceOffset()).u64(c.targetOffset()).u32((int) c.length()).u32(0);
        }
        return w.toByteArray();
    }
}
