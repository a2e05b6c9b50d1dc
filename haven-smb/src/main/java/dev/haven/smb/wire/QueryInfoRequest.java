package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.37: SMB2 QUERY_INFO Request. StructureSize (41), InfoType (1), FileInfoClass (1),
 * OutputBufferLength (4), InputBufferOffset (2), Reserved (2), InputBufferLength (4),
 * AdditionalInformation (4), Flags (4), FileId (16), Buffer.
 */
public record QueryInfoRequest(int infoType, int fileInfoClass, int outputBufferLength, byte[] input,
        int additionalInformation, int flags, Smb2FileId fileId) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 41;
    /** InfoType SMB2_0_INFO_FILE. */
    public static final int INFO_FILE = 1;
    /** InfoType SMB2_0_INFO_FILESYSTEM. */
    public static final int INFO_FILESYSTEM = 2;
    /** InfoType SMB2_0_INFO_SECURITY. */
    public static final int INFO_SECURITY = 3;
    /** InfoType SMB2_0_INFO_QUOTA. */
    public static final int INFO_QUOTA = 4;
    private static final int FIXED_END = Smb2Header.SIZE + 40;

    /** Copies the input. */
    public QueryInfoRequest {
        input = input.clone();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    static QueryInfoRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int type = r.u8();
        int infoClass = r.u8();
        int outputLength = r.u32();
        int inputOffset = r.u16();
        r.skip(2);
        long inputLength = Integer.toUnsignedLong(r.u32());
        int additional = r.u32();
        int flags = r.u32();
        Smb2FileId id = Smb2FileId.decode(r);
        byte[] in = r.buffer(inputOffset, inputLength, FIXED_END);
        return new QueryInfoRequest(type, infoClass, outputLength, in, additional, flags, id);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(infoType).u8(fileInfoClass).u32(outputBufferLength)
                .u16(input.length == 0 ? 0 : FIXED_END).u16(0).u32(input.length).u32(additionalInformation).u32(flags);
        fileId.encode(w);
        w.bytes(input);
        if (input.length == 0) {
            w.u8(0);
        }
    }
}
