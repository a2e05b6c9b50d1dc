package dev.haven.files.copy;

import dev.haven.files.FileServiceException;

/**
 * What a server-side copy did: how many chunks it copied whole and how many bytes that was, and,
 * when it stopped early, why ({@code failure}, null on success). Chunks are copied in order, so
 * the first {@code chunksWritten} chunks are in the destination ([MS-SMB2] 2.2.32.1).
 */
public record CopyOutcome(int chunksWritten, long bytesWritten, FileServiceException failure) {
    /** True when every chunk was copied. */
    public boolean complete() {
        return failure == null;
    }
}
