package dev.haven.smb.wire;

/**
 * [MS-FSCC] 2.3.86 FILE_ZERO_DATA_INFORMATION, the FSCTL_SET_ZERO_DATA input: FileOffset (8),
 * BeyondFinalZero (8), both signed; bytes after the 16 are ignored.
 */
public record ZeroDataInformation(long fileOffset, long beyondFinalZero) {
    /** Size of the structure. */
    public static final int SIZE = 16;

    /** Decodes the IOCTL input buffer. */
    public static ZeroDataInformation decode(byte[] input) throws MalformedMessageException {
        WireReader r = new WireReader(input);
        return new ZeroDataInformation(r.u64(), r.u64());
    }

    /** The IOCTL input buffer. */
    public byte[] encode() {
        return new WireWriter(SIZE).u64(fileOffset).u64(beyondFinalZero).toByteArray();
    }
}
