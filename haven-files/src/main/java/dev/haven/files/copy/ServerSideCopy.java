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
 * Server 2012 and later do: a locked range is STATUS_FILE_LOCK_CONFLICT). Each chunk is read whole
 * into one buffer before it is written, so a chunk whose source and target overlap in the same
 * file copies the source as it was.
 */
public final class ServerSideCopy {
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
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8,
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
        ByteBuffer data = buffer.clear().limit((int) c.length());
        while (data.hasRemaining()) {
            int n = files.read(source, c.sourceOffset() + data.position(), data);
            if (n == 0) { // shrunk under us since the size check
                throw new FileServiceException(FileServiceError.RANGE_BEYOND_END, c + " passes the source's end");
            }
        }
        files.write(target, c.targetOffset(), data.flip(), false);
    }
}
