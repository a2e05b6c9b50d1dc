package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.OwnerId;
import dev.haven.fs.Inode;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * Sparse files ([MS-FSA] 2.1.5.9 FSCTL_SET_SPARSE, FSCTL_SET_ZERO_DATA,
 * FSCTL_QUERY_ALLOCATED_RANGES) over FileService's opens: the sparse flag is
 * FILE_ATTRIBUTE_SPARSE_FILE in the file's DOS attributes; zeroing a range of a sparse file
 * punches a hole (HavenFS gives the whole blocks back), of any other file writes zeros in place;
 * allocated ranges of a sparse file are HavenFS's real allocation, of any other file the whole
 * queried range up to end of file (as NTFS reports a non-sparse file, [MS-FSA] 2.1.5.9.21).
 */
public final class SparseFiles {
    /** FILE_ATTRIBUTE_SPARSE_FILE ([MS-FSCC] 2.6). */
    public static final int SPARSE_FILE = 0x200;
    private static final int ZERO_BLOCK = 1 << 20;

    private final FileService files;

    /** Sparse-file operations on {@code files}' opens. */
    public SparseFiles(FileService files) {
        this.files = files;
    }

    /**
     * Sets or clears the sparse flag ([MS-FSA] 2.1.5.9.35). Needs write data, append data or
     * write attributes access; a directory is STATUS_INVALID_PARAMETER. Clearing leaves existing
     * holes as they are: they read as zeros and the file reports as fully allocated.
     */
    public void setSparse(Open open, boolean sparse) {
        Inode i = file(open, FileServiceError.INVALID_PARAMETER);
        need(open, AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA | AccessMask.FILE_WRITE_ATTRIBUTES,
                "set sparse");
        OpenRules.requireWritable(open.share());
        int dos = sparse ? i.dosAttributes() | SPARSE_FILE : i.dosAttributes() & ~SPARSE_FILE;
        if (dos != i.dosAttributes()) {
            FsCall.run(() -> open.share().fs().setAttributes(open.inode(),
                    dev.haven.fs.SetAttributes.NONE.withDosAttributes(dos)));
            files.changes().modified(open, dev.haven.files.notify.NotifyFilter.ATTRIBUTES);
        }
    }

    /**
     * Makes {@code [offset, beyondFinalZero)} read as zeros ([MS-FSA] 2.1.5.9.38); bytes past end
     * of file are left alone and the size never changes. Needs write data access and no other
     * open's byte-range lock in the way.
     */
    public void zeroData(Open open, long offset, long beyondFinalZero) {
        if (offset < 0 || beyondFinalZero < 0 || offset > beyondFinalZero) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER,
                    "zero range " + offset + ".." + beyondFinalZero);
        }
        Inode i = file(open, FileServiceError.IS_A_DIRECTORY);
        need(open, AccessMask.FILE_WRITE_DATA, "zero data");
        OpenRules.requireWritable(open.share());
        long end = Math.min(beyondFinalZero, i.size());
        if (offset >= end) {
            return;
        }
        files.locks().checkWrite(open.key(), open.id(), OwnerId.NONE, offset, end - offset);
        if ((i.dosAttributes() & SPARSE_FILE) != 0) {
            FsCall.run(() -> {
                open.share().fs().punchHole(open.inode(), offset, end - offset);
                return null;
            });
        } else {
            writeZeros(open, offset, end);
        }
        files.changes().modified(open, FileChanges.WRITE);
    }

    private static void writeZeros(Open open, long offset, long end) {
        ByteBuffer zeros = ByteBuffer.allocate((int) Math.min(ZERO_BLOCK, end - offset));
        for (long at = offset; at < end; at += zeros.capacity()) {
            long pos = at;
            ByteBuffer piece = zeros.clear().limit((int) Math.min(zeros.capacity(), end - at));
            FsCall.run(() -> {
                open.share().fs().write(open.inode(), pos, piece);
                return null;
            });
        }
    }

    /**
     * The allocated ranges of {@code [offset, offset + length)} below end of file ([MS-FSA]
     * 2.1.5.9.21); needs read data access. Negative values, or a range past 2^63 - 1, are
     * STATUS_INVALID_PARAMETER.
     */
    public List<FileRange> allocatedRanges(Open open, long offset, long length) {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new FileServiceException(FileServiceError.INVALID_PARAMETER, "range " + offset + "+" + length);
        }
        Inode i = file(open, FileServiceError.INVALID_PARAMETER);
        need(open, AccessMask.FILE_READ_DATA, "query allocated ranges");
        if ((i.dosAttributes() & SPARSE_FILE) != 0) {
            return FsCall.run(() -> open.share().fs().allocatedRanges(open.inode(), offset, length)).stream()
                    .map(r -> new FileRange(r.offset(), r.length())).toList();
        }
        long end = Math.min(offset + length, i.size());
        return offset < end ? List.of(new FileRange(offset, end - offset)) : List.of();
    }

    private Inode file(Open open, FileServiceError ifDirectory) {
        if (!files.isOpen(open)) {
            throw new FileServiceException(FileServiceError.FILE_CLOSED, open.toString());
        }
        if (open.isDirectory()) {
            throw new FileServiceException(ifDirectory, open + " is a directory");
        }
        return FsCall.run(() -> open.share().fs().attributes(open.fileId()));
    }

    private static void need(Open open, int anyOf, String what) {
        if (!open.granted().hasAny(anyOf)) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, what + " through " + open + " " + open.granted());
        }
    }
}
