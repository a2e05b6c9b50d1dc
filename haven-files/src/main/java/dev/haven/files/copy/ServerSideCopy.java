package dev.haven.files.copy;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Copies chunks from a source open to a destination open inside the server ([MS-SMB2]
 * 3.3.5.15.6), through the file service's own reads and writes, so that access rights and
 * byte-range locks of both files apply exactly as to a client's READ and WRITE (as Windows
 * Server 2012 and later do: a locked range is STATUS_FILE_LOCK_CONFLICT). Data moves in pieces of
 * up to 1 MiB through one buffer; when a chunk's source and target overlap in the same file the
 * pieces go in the order that never overwrites source bytes not yet read (as memmove does), so
 * the target receives the source as it was.
 */
public final class ServerSideCopy {
    private static final int PIECE = 1 << 20;
    private final FileService files;

    /** A copier over {@code files}' opens. */
    public ServerSideCopy(FileService files) {
        this.files = files;
    }

    /**
     * Copies {@code chunks} in order from {@code source} to {@code target} and reports how far it
     * got. The source needs read (or execute) access, the target write access and, when
     * {@code targetMustRead} (FSCTL_SRV_COPYCHUNK as opposed to _WRITE), read access too; a chunk
     * that reaches past the source's end stops the copy with
     * {@link FileServiceError#RANGE_BEYOND_END}. Access failures are thrown before anything is copied.
     */
    public CopyOutcome copy(Open source, Open target, List<CopyChunk> chunks, boolean targetMustRead) {
        checkAccess(source, target, targetMustRead);
        int done = 0;
        long bytes = 0;
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(PIECE,
                chunks.stream().mapToLong(CopyChunk::length).max().orElse(0)));
        for (CopyChunk c : chunks) {
            try {
                copyOne(source, target, c, buffer);
            } catch (FileServiceException e) {
                return new CopyOutcome(done, bytes, e);
            }
            done++;
            bytes += c.length();
        }
        return new CopyOutcome(done, bytes, null);
    }

    private static void checkAccess(Open source, Open target, boolean targetMustRead) {
        AccessMask from = source.granted();
        AccessMask to = target.granted();
        if (!from.canRead()) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "copy source " + source + " is not readable");
        }
        if (!to.canWrite() || targetMustRead && !to.hasAny(AccessMask.FILE_READ_DATA)) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "copy target " + target + " lacks access");
        }
    }

    private void copyOne(Open source, Open target, CopyChunk c, ByteBuffer buffer) {
        if (c.sourceOffset() < 0 || c.targetOffset() < 0 || c.length() < 0
                || c.sourceOffset() > Long.MAX_VALUE - c.length() || c.targetOffset() > Long.MAX_VALUE - c.length()) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "chunk " + c + " out of range");
        }
        long size = files.attributes(source).size();
        if (c.sourceOffset() + c.length() > size) {
            throw new FileServiceException(FileServiceError.RANGE_BEYOND_END, c + " passes the source's end " + size);
        }
        // Overlapping with the target after the source: last piece first, so no unread source byte is overwritten.
        boolean backwards = source.key().equals(target.key()) && c.targetOffset() > c.sourceOffset()
                && c.targetOffset() < c.sourceOffset() + c.length();
        long pieces = (c.length() + buffer.capacity() - 1) / Math.max(1, buffer.capacity());
        for (long i = 0; i < pieces; i++) {
            long at = (backwards ? pieces - 1 - i : i) * buffer.capacity();
            ByteBuffer data = buffer.clear().limit((int) Math.min(buffer.capacity(), c.length() - at));
            while (data.hasRemaining()) {
                if (files.read(source, c.sourceOffset() + at + data.position(), data) == 0) {
                    throw new FileServiceException(FileServiceError.RANGE_BEYOND_END, c + " passes the source's end");
                }
            }
            files.write(target, c.targetOffset() + at, data.flip(), false);
        }
    }
}
