package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.14: SMB2 CREATE Response. StructureSize (89), OplockLevel (1), Flags (1),
 * CreateAction (4), CreationTime, LastAccessTime, LastWriteTime, ChangeTime, AllocationSize,
 * EndofFile (8 each), FileAttributes (4), Reserved2 (4), FileId (16), CreateContextsOffset (4),
 * CreateContextsLength (4), Buffer. Haven answers no create contexts yet.
 */
public record CreateResponse(int oplockLevel, int createAction, FileTimes times, long allocationSize,
        long endOfFile, int fileAttributes, Smb2FileId fileId) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 89;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(oplockLevel).u8(0).u32(createAction);
        times.encode(w);
        w.u64(allocationSize).u64(endOfFile).u32(fileAttributes).u32(0);
        fileId.encode(w);
        w.u32(0).u32(0).u8(0); // no contexts; StructureSize 89 counts one byte of Buffer
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
        return new CreateResponse(oplock, action, times, alloc, eof, attributes, Smb2FileId.decode(r));
    }
}
