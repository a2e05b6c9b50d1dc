package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;

/**
 * [MS-SMB2] 2.2.33: SMB2 QUERY_DIRECTORY Request. StructureSize (33), FileInformationClass (1),
 * Flags (1), FileIndex (4), FileId (16), FileNameOffset (2), FileNameLength (2),
 * OutputBufferLength (4), Buffer (UTF-16LE search pattern).
 */
public record QueryDirectoryRequest(int fileInformationClass, int flags, int fileIndex, Smb2FileId fileId,
        String pattern, int outputBufferLength) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 33;
    /** Flags SMB2_RESTART_SCANS. */
    public static final int RESTART_SCANS = 0x01;
    /** Flags SMB2_RETURN_SINGLE_ENTRY. */
    public static final int RETURN_SINGLE_ENTRY = 0x02;
    /** Flags SMB2_INDEX_SPECIFIED. */
    public static final int INDEX_SPECIFIED = 0x04;
    /** Flags SMB2_REOPEN. */
    public static final int REOPEN = 0x10;
    private static final int FIXED_END = Smb2Header.SIZE + 32;

    static QueryDirectoryRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int infoClass = r.u8();
        int flags = r.u8();
        int index = r.u32();
        Smb2FileId id = Smb2FileId.decode(r);
        int nameOffset = r.u16();
        int nameLength = r.u16();
        int outputLength = r.u32();
        String pattern = WireReader.utf16(r.buffer(nameOffset, nameLength, FIXED_END));
        return new QueryDirectoryRequest(infoClass, flags, index, id, pattern, outputLength);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        byte[] raw = pattern.getBytes(StandardCharsets.UTF_16LE);
        w.u16(STRUCTURE_SIZE).u8(fileInformationClass).u8(flags).u32(fileIndex);
        fileId.encode(w);
        w.u16(raw.length == 0 ? 0 : FIXED_END).u16(raw.length).u32(outputBufferLength).bytes(raw);
        if (raw.length == 0) {
            w.u8(0);
        }
    }
}
