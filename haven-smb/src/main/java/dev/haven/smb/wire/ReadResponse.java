package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.20: SMB2 READ Response. StructureSize (17), DataOffset (1), Reserved (1),
 * DataLength (4), DataRemaining (4), Reserved2 (4), Buffer. The {@code length} bytes of
 * {@code data} from {@code offset} are sent. With {@code offset} {@link #DATA_OFFSET}, {@code data}
 * is the whole message, the data already in place: header and fields are written around it and
 * nothing is copied (see {@link #inPlace}).
 */
public record ReadResponse(byte[] data, int offset, int length) implements Smb2Response {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 17;
    /** Data follows the 16 fixed bytes at offset 0x50 from the header. */
    public static final int DATA_OFFSET = Smb2Header.SIZE + 16;

    /** Checks the range. */
    public ReadResponse {
        if (offset < 0 || length < 0 || length > data.length - offset) {
            throw new IllegalArgumentException("offset " + offset + " length " + length);
        }
    }

    /** The first {@code length} bytes of {@code data}. */
    public ReadResponse(byte[] data, int length) {
        this(data, 0, length);
    }

    /**
     * A response over {@code message}, a buffer of at least DATA_OFFSET + {@code length} bytes whose
     * data was read in at {@link #DATA_OFFSET}.
     */
    public static ReadResponse inPlace(byte[] message, int length) {
        return new ReadResponse(message, DATA_OFFSET, length);
    }

    @Override
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u8(DATA_OFFSET).u8(0).u32(length).u32(0).u32(0);
        if (messageBuffer() != null) {
            w.skip(length);
        } else {
            w.bytes(data, offset, length);
        }
    }

    @Override
    public byte[] messageBuffer() {
        return offset == DATA_OFFSET ? data : null;
    }

    @Override
    public int sizeHint() {
        return 16 + length;
    }

    /** Decodes a response body (used by tests and clients). */
    public static ReadResponse decode(WireReader r) throws MalformedMessageException {
        r.position(Smb2Header.SIZE);
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int offset = r.u8();
        r.skip(1);
        long length = Integer.toUnsignedLong(r.u32());
        byte[] data = r.buffer(offset, length, DATA_OFFSET);
        return new ReadResponse(data, data.length);
    }
}
