package dev.haven.smb.server;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.service.SparseFiles;
import dev.haven.smb.wire.IoctlRequest;
import dev.haven.smb.wire.IoctlResponse;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.SnapshotArray;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.util.List;

/**
 * The smaller file FSCTLs: object ids, compression (HavenFS has none), FILE_LEVEL_TRIM,
 * DUPLICATE_EXTENTS_TO_FILE (refused: HavenFS has no block sharing) and
 * SRV_ENUMERATE_SNAPSHOTS (the share's previous versions).
 */
final class FileFsctls {
    private static final int OBJECT_ID_BUFFER_SIZE = 64;
    /** [MS-FSCC] 2.3.10: COMPRESSION_FORMAT_NONE, _DEFAULT, _LZNT1. */
    private static final int COMPRESSION_NONE = 0;
    private static final int COMPRESSION_LZNT1 = 2;
    /** [MS-SMB2] 3.3.5.15.1: the smallest MaxOutputResponse for a snapshot enumeration. */
    private static final int SNAPSHOT_MIN_OUTPUT = 16;

    /**
     * [MS-FSCC] 2.3.3 / 2.1.3 FSCTL_CREATE_OR_GET_OBJECT_ID: a FILE_OBJECTID_BUFFER. HavenFS keeps
     * no object ids, so the id is derived from what already identifies the file for good: its
     * inode id and its file system's id (ObjectId = inode id, file-system id half; BirthVolumeId =
     * file-system id; BirthObjectId = ObjectId; DomainId = 0). The same file always gets the same id.
     */
    Reply objectId(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        if (Integer.compareUnsigned(req.maxOutputResponse(), OBJECT_ID_BUFFER_SIZE) < 0) {
            throw new SmbStatusException(NtStatus.BUFFER_TOO_SMALL, "MaxOutputResponse below 64");
        }
        long inode = ctx.server().fileService().attributes(open.open()).fileId();
        java.util.UUID fs = ctx.server().fileService().statfs(open.open().share()).fsId();
        WireWriter w = new WireWriter();
        w.u64(inode).u64(fs.getLeastSignificantBits());
        w.u64(fs.getMostSignificantBits()).u64(fs.getLeastSignificantBits());
        w.u64(inode).u64(fs.getLeastSignificantBits());
        w.u64(0).u64(0);
        return output(req, w.toByteArray());
    }

    /** [MS-FSA] 2.1.5.9.7: a file system without compression reports COMPRESSION_FORMAT_NONE. */
    Reply getCompression(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        if (Integer.compareUnsigned(req.maxOutputResponse(), 2) < 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "no room for CompressionState");
        }
        ctx.server().fileService().attributes(open.open()); // the open must still be open
        return output(req, new WireWriter(2).u16(COMPRESSION_NONE).toByteArray());
    }

    /**
     * [MS-FSA] 2.1.5.9.33: setting COMPRESSION_FORMAT_NONE succeeds (as on ReFS); asking for
     * compression on a file system without it is STATUS_NOT_SUPPORTED; other values are invalid.
     */
    Reply setCompression(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        int state;
        try {
            state = new WireReader(req.input()).u16();
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "short COMPRESSION_STATE");
        }
        if (state > COMPRESSION_LZNT1) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "compression format " + state);
        }
        ctx.server().fileService().attributes(open.open());
        if (state != COMPRESSION_NONE) {
            throw new SmbStatusException(NtStatus.NOT_SUPPORTED, "HavenFS does not compress");
        }
        return output(req, new byte[0]);
    }

    /**
     * [MS-FSCC] 2.3.13 FSCTL_FILE_LEVEL_TRIM: the ranges' data is no longer needed. A sparse
     * file gives their blocks back (they then read as zeros); in any other file the data stays
     * (the content of trimmed ranges is the file system's choice). Answers NumRangesProcessed.
     */
    Reply trim(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        if (!open.open().granted().hasAny(AccessMask.FILE_WRITE_DATA)) {
            throw new FileServiceException(FileServiceError.ACCESS_DENIED, "trim without write access");
        }
        List<long[]> ranges;
        try {
            WireReader r = new WireReader(req.input());
            r.u32(); // Key: reserved, 0
            long n = Integer.toUnsignedLong(r.u32());
            if (n > (req.input().length - 8) / 16) {
                throw MalformedMessageException.body("NumRanges " + n);
            }
            ranges = new java.util.ArrayList<>();
            for (long i = 0; i < n; i++) {
                ranges.add(new long[] {r.u64(), r.u64()});
            }
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, e.getMessage());
        }
        SparseFiles sparse = new SparseFiles(ctx.server().fileService());
        boolean isSparse = (ctx.server().fileService().attributes(open.open()).dosAttributes()
                & SparseFiles.SPARSE_FILE) != 0;
        for (long[] range : ranges) {
            if (range[0] < 0 || range[1] < 0 || range[0] > Long.MAX_VALUE - range[1]) {
                throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "trim range");
            }
            if (isSparse) {
                sparse.zeroData(open.open(), range[0], range[0] + range[1]);
            }
        }
        return output(req, new WireWriter(4).u32(ranges.size()).toByteArray());
    }

    /**
     * [MS-FSA] 2.1.5.9.4: HavenFS does not share blocks between files (no
     * FILE_SUPPORTS_BLOCK_REFCOUNTING), so, as NTFS answers, STATUS_INVALID_DEVICE_REQUEST. A copy
     * would defeat the point of the call; clients fall back to FSCTL_SRV_COPYCHUNK or reads.
     */
    Reply duplicateExtents(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        throw new SmbStatusException(NtStatus.INVALID_DEVICE_REQUEST, "no block refcounting");
    }

    /**
     * [MS-SMB2] 3.3.5.15.1 FSCTL_SRV_ENUMERATE_SNAPSHOTS: the {@code @GMT-} tokens of the share's
     * previous versions, newest first (as Windows lists them); empty for a share without snapshots.
     */
    Reply snapshots(RequestContext ctx, IoctlRequest req, SmbOpen open) throws SmbStatusException {
        if (Integer.compareUnsigned(req.maxOutputResponse(), SNAPSHOT_MIN_OUTPUT) < 0) {
            throw new SmbStatusException(NtStatus.INVALID_PARAMETER, "MaxOutputResponse below 16");
        }
        return output(req, new SnapshotArray(PreviousVersions.tokens(ctx.tree.share())).encode(req.maxOutputResponse()));
    }

    private static Reply output(IoctlRequest req, byte[] out) {
        return Reply.ok(new IoctlResponse(req.ctlCode(), req.fileId(), new byte[0], out));
    }
}
