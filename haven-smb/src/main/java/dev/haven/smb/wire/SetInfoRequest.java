package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.39: SMB2 SET_INFO Request. StructureSize (33), InfoType (1), FileInfoClass (1),
 * BufferLength (4), BufferOffset (2), Reserved (2), AdditionalInformation (4), FileId (16), Buffer.
 */
public record SetInfoRequest(int infoType, int fileInfoClass, byte[] buffer, int additionalInformation,
        Smb2FileId fileId) implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 33;
    private static final int FIXED_END = Smb2Header.SIZE + 32;

    /** Copies the buffer. */
    public SetInfoRequest {
        buffer = buffer.clone();
    }

    @Override
    public byte[] buffer() {
        return buffer.clone();
    }

    static SetInfoRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int type = r.u8();
        int infoClass = r.u8();
        long length = Integer.toUnsignedLong(r.u32());
        int offset = r.u16();
        r.skip(2);
        int additional = r.u32();
        Smb2FileId id = Smb2FileId.decode(r);
        return new SetInfoRequest(type, infoClass, r.buffer(offset, length, FIXED_END), additional, id);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(infoType).u8(fileInfoClass).u32(buffer.length).u16(FIXED_END).u16(0)
                .u32(additionalInformation);
        fileId.encode(w);
        w.bytes(buffer);
        if (buffer.length == 0) {
            w.u8(0);
        }
    }
}
