package dev.haven.smb.server;

import dev.haven.files.service.FileAttributes;
import dev.haven.smb.wire.FileTimes;
import dev.haven.smb.wire.NtStatus;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What the information classes share: FILETIME conversion ([MS-DTYP] 2.3.3: 100 ns since 1601;
 * the file service counts from 1970) and the output-buffer rules of [MS-SMB2] 3.3.5.20.
 */
final class InfoEncoding {
    /** 100 ns ticks from 1601-01-01 to 1970-01-01. */
    static final long EPOCH_DIFFERENCE = 116_444_736_000_000_000L;

    private InfoEncoding() {
    }

    static long filetime(long ticksSince1970) {
        return ticksSince1970 + EPOCH_DIFFERENCE;
    }

    /** The file-service ticks of a FILETIME a client sent. */
    static long ticks(long filetime) {
        return filetime - EPOCH_DIFFERENCE;
    }

    static FileTimes times(FileAttributes a) {
        return new FileTimes(filetime(a.creationTime()), filetime(a.lastAccessTime()), filetime(a.lastWriteTime()),
                filetime(a.changeTime()));
    }

    static byte[] utf16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /**
     * An encoded information buffer: {@code fixed} bytes always, more only when the class has a
     * variable part (a name).
     */
    record Encoded(byte[] bytes, int fixed) {
        /**
         * [MS-SMB2] 3.3.5.20.1/.2: smaller than the fixed part is STATUS_INFO_LENGTH_MISMATCH;
         * room for the fixed part but not the rest truncates with STATUS_BUFFER_OVERFLOW.
         */
        Reply reply(int outputBufferLength) throws SmbStatusException {
            long room = Integer.toUnsignedLong(outputBufferLength);
            if (bytes.length <= room) {
                return Reply.ok(new dev.haven.smb.wire.QueryInfoResponse(bytes));
            }
            if (room < fixed || fixed == bytes.length) {
                throw new SmbStatusException(NtStatus.INFO_LENGTH_MISMATCH, "output buffer of " + room);
            }
            return new Reply.Respond(NtStatus.BUFFER_OVERFLOW,
                    new dev.haven.smb.wire.QueryInfoResponse(Arrays.copyOf(bytes, (int) room)));
        }
    }
}
