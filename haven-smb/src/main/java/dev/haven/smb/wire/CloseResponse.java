package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.16: SMB2 CLOSE Response. StructureSize (60), Flags (2), Reserved (4), the four
 * times (8 each), AllocationSize (8), EndofFile (8), FileAttributes (4).
 */
public record CloseResponse(int flags, FileTimes times, long allocationSize, long endOfFile, int fileAttributes)
        implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 60;

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(flags).u32(0);
        times.encode(w);
        w.u64(allocationSize).u64(endOfFile).u32(fileAttributes);
    }

    /** Decodes a response body (used by tests and clients). */
    public static CloseResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int flags = r.u16();
        r.skip(4);
        return new CloseResponse(flags, FileTimes.decode(r), r.u64(), r.u64(), r.u32());
    }
}
