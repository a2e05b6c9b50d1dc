package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.31: SMB2 IOCTL Request. StructureSize (57), Reserved (2), CtlCode (4),
 * FileId (16), InputOffset, InputCount, MaxInputResponse, OutputOffset, OutputCount,
 * MaxOutputResponse, Flags, Reserved2 (4 bytes each), Buffer.
 */
public record IoctlRequest(int ctlCode, byte[] fileId, byte[] input, int maxInputResponse, byte[] output,
        int maxOutputResponse, int flags) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 57;
    /** Flags: the request is an FSCTL (the only kind SMB2 allows). */
    public static final int IS_FSCTL = 0x00000001;
    /** [MS-SMB2] 2.2.31: FSCTL_VALIDATE_NEGOTIATE_INFO. */
    public static final int FSCTL_VALIDATE_NEGOTIATE_INFO = 0x00140204;

    /** Copies the arrays. */
    public IoctlRequest {
        fileId = fileId.clone();
        input = input.clone();
        output = output.clone();
    }

    @Override
    public byte[] fileId() {
        return fileId.clone();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    @Override
    public byte[] output() {
        return output.clone();
    }

    static IoctlRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(2);
        int ctlCode = r.u32();
        byte[] fileId = r.bytes(16);
        long inputOffset = r.u32() & 0xFFFFFFFFL;
        long inputCount = r.u32() & 0xFFFFFFFFL;
        int maxInput = r.u32();
        long outputOffset = r.u32() & 0xFFFFFFFFL;
        long outputCount = r.u32() & 0xFFFFFFFFL;
        int maxOutput = r.u32();
        int flags = r.u32();
        r.skip(4);
        int fixedEnd = r.position();
        return new IoctlRequest(ctlCode, fileId, r.buffer(inputOffset, inputCount, fixedEnd), maxInput,
                r.buffer(outputOffset, outputCount, fixedEnd), maxOutput, flags);
    }

    /** Writes the body with the input buffer only (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        int inputOffset = input.length == 0 ? 0 : Smb2Header.SIZE + 56;
        w.u16(STRUCTURE_SIZE).u16(0).u32(ctlCode).bytes(fileId).u32(inputOffset).u32(input.length)
                .u32(maxInputResponse).u32(0).u32(0).u32(maxOutputResponse).u32(flags).u32(0).bytes(input);
    }
}
