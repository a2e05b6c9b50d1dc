package dev.haven.files.copy;

import java.util.List;

/**
 * The server's server-side copy limits ([MS-SMB2] 3.3.1.5 ServerSideCopyMaxNumberofChunks,
 * ServerSideCopyMaxChunkSize, ServerSideCopyMaxDataSize). A request outside them is refused as a
 * whole before anything is copied, and the refusal tells the client the limits (3.3.5.15.6).
 */
public record CopyLimits(int maxChunks, int maxChunkBytes, long maxTotalBytes) {
    /** Windows Server's values (and the spec's suggested ones): 256 chunks, 1 MiB each, 16 MiB in all. */
    public static final CopyLimits DEFAULT = new CopyLimits(256, 1 << 20, 16L << 20);

    /** True when {@code chunks} are within the limits and none is empty. */
    public boolean allow(List<CopyChunk> chunks) {
        if (chunks.size() > maxChunks) {
            return false;
        }
        long total = 0;
        for (CopyChunk c : chunks) {
            // [MS-SMB2] 3.3.5.15.6: a zero Length is STATUS_INVALID_PARAMETER, as Windows answers.
            if (c.length() <= 0 || c.length() > maxChunkBytes) {
                return false;
            }
            total += c.length();
        }
        return total <= maxTotalBytes;
    }
}
