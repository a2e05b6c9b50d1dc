package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.32: SMB2 IOCTL Response. StructureSize (49), Reserved (2), CtlCode (4),
 * FileId (16), InputOffset, InputCount, OutputOffset, OutputCount, Flags, Reserved2, Buffer.
 */
public record IoctlResponse(int ctlCode, byte[] fileId, byte[] input, byte[] output) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 49;

    /** Copies the arrays. */
    public IoctlResponse {
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

    @Override
    public void encodeBody(WireWriter w) {
        int bufferStart = Smb2Header.SIZE + 48;
        int inputOffset = input.length == 0 ? 0 : bufferStart;
        int outputOffset = output.length == 0 ? 0 : bufferStart + ((input.length + 7) & ~7);
        w.u16(STRUCTURE_SIZE).u16(0).u32(ctlCode).bytes(fileId).u32(inputOffset).u32(input.length)
                .u32(outputOffset).u32(output.length).u32(0).u32(0).bytes(input);
        if (output.length > 0) {
            w.align(8).bytes(output);
        }
    }

    /** Decodes a response body (used by tests and clients). */
    public static IoctlResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        r.skip(2);
        int ctlCode = r.u32();
        byte[] fileId = r.bytes(16);
        long inOff = r.u32() & 0xFFFFFFFFL;
        long inCount = r.u32() & 0xFFFFFFFFL;
        long outOff = r.u32() & 0xFFFFFFFFL;
        long outCount = r.u32() & 0xFFFFFFFFL;
        r.skip(8);
        int fixedEnd = r.position();
        return new IoctlResponse(ctlCode, fileId, r.buffer(inOff, inCount, fixedEnd),
                r.buffer(outOff, outCount, fixedEnd));
    }
}
