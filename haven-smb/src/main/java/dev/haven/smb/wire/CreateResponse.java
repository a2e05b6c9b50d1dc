package dev.haven.smb.wire;

import java.util.List;

/**
 * [MS-SMB2] 2.2.14: SMB2 CREATE Response. StructureSize (89), OplockLevel (1), Flags (1),
 * CreateAction (4), CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize,
 * EndofFile (8 each), FileAttributes (4), Reserved2 (4), FileId (16), CreateContextsOffset (4),
 * CreateContextsLength (4), Buffer (the response create contexts, 8-byte aligned).
 */
public record CreateResponse(int oplockLevel, int createAction, FileTimes times, long allocationSize,
        long endOfFile, int fileAttributes, Smb2FileId fileId, List<CreateContext> createContexts)
        implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 89;
    /** OplockLevel SMB2_OPLOCK_LEVEL_LEASE: the open got the lease in the RqLs response context. */
    public static final int OPLOCK_LEVEL_LEASE = 0xFF;
    private static final int FIXED_END = Smb2Header.SIZE + 88;

    /** Copies the context list. */
    public CreateResponse {
        createContexts = List.copyOf(createContexts);
    }

    /** A response without create contexts. */
    public CreateResponse(int oplockLevel, int createAction, FileTimes times, long allocationSize, long endOfFile,
            int fileAttributes, Smb2FileId fileId) {
        this(oplockLevel, createAction, times, allocationSize, endOfFile, fileAttributes, fileId, List.of());
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(oplockLevel).u8(0).u32(createAction);
        times.encode(w);
        w.u64(allocationSize).u64(endOfFile).u32(fileAttributes).u32(0);
        fileId.encode(w);
        if (createContexts.isEmpty()) {
            w.u32(0).u32(0).u8(0); // StructureSize 89 counts one byte of Buffer
            return;
        }
        w.u32(FIXED_END);
        int lengthAt = w.position();
        w.u32(0);
        CreateContext.encodeChain(createContexts, w);
        w.u32At(lengthAt, w.position() - FIXED_END);
    }

    /** Decodes a response body (used by tests and clients). */
    public static CreateResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int oplock = r.u8();
        r.skip(1);
        int action = r.u32();
        FileTimes times = FileTimes.decode(r);
        long alloc = r.u64();
        long eof = r.u64();
        int attributes = r.u32();
        r.skip(4);
        Smb2FileId fileId = Smb2FileId.decode(r);
        long contextsOffset = Integer.toUnsignedLong(r.u32());
        long contextsLength = Integer.toUnsignedLong(r.u32());
        List<CreateContext> contexts = CreateContext.decodeChain(r.buffer(contextsOffset, contextsLength, FIXED_END));
        return new CreateResponse(oplock, action, times, alloc, eof, attributes, fileId, contexts);
    }
}
