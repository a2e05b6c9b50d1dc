package dev.haven.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-FSCC] 2.3.52 FILE_ALLOCATED_RANGE_BUFFER: FileOffset (8), Length (8), both signed. The
 * FSCTL_QUERY_ALLOCATED_RANGES input is one (bytes after it are ignored); its output is an array.
 */
public record AllocatedRange(long fileOffset, long length) {
    /** Size of one entry. */
    public static final int SIZE = 16;

    /** Decodes the IOCTL input buffer. */
    public static AllocatedRange decode(byte[] input) throws MalformedMessageException {
        WireReader r = new WireReader(input);
        return new AllocatedRange(r.u64(), r.u64());
    }

    /** The IOCTL input buffer. */
    public byte[] encode() {
        return encodeAll(List.of(this));
    }

    /** The IOCTL output buffer: the entries back to back. */
    public static byte[] encodeAll(List<AllocatedRange> ranges) {
        WireWriter w = new WireWriter(SIZE * ranges.size());
        for (AllocatedRange a : ranges) {
            w.u64(a.fileOffset).u64(a.length);
        }
        return w.toByteArray();
    }

    /** Decodes an output buffer (tests and clients); its length must be a multiple of 16. */
    public static List<AllocatedRange> decodeAll(byte[] out) throws MalformedMessageException {
        if (out.length % SIZE != 0) {
            throw MalformedMessageException.body("allocated ranges of " + out.length + " bytes");
        }
        WireReader r = new WireReader(out);
        List<AllocatedRange> list = new ArrayList<>(out.length / SIZE);
        while (r.position() < out.length) {
            list.add(new AllocatedRange(r.u64(), r.u64()));
        }
        return list;
    }
}
