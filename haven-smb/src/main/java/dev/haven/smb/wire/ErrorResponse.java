package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.2: SMB2 ERROR Response. StructureSize (9), ErrorContextCount (1), Reserved (1),
 * ByteCount (4), ErrorData. With no error data one zero byte still follows, because
 * StructureSize 9 counts one byte of ErrorData.
 */
public record ErrorResponse(int errorContextCount, byte[] errorData) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 9;

    /** Copies the error data. */
    public ErrorResponse {
        errorData = errorData.clone();
    }

    /** The usual error body: no contexts, no data. */
    public static ErrorResponse empty() {
        return new ErrorResponse(0, new byte[0]);
    }

    @Override
    public byte[] errorData() {
        return errorData.clone();
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(errorContextCount).u8(0).u32(errorData.length);
        if (errorData.length == 0) {
            w.u8(0);
        } else {
            w.bytes(errorData);
        }
    }

    /** Decodes an error body. */
    public static ErrorResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int contexts = r.u8();
        r.skip(1);
        long byteCount = r.u32() & 0xFFFFFFFFL;
        if (byteCount > r.length() - r.position()) {
            throw MalformedMessageException.body("ByteCount " + byteCount + " beyond message");
        }
        return new ErrorResponse(contexts, r.bytes((int) byteCount));
    }
}
