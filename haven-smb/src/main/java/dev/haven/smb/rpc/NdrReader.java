package dev.haven.smb.rpc;

import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.WireReader;
import java.nio.charset.StandardCharsets;

/**
 * C706 14.2-14.3: NDR 2.0 little-endian reads from one stub, with each primitive aligned to its
 * size relative to the stub's start. Pointers are read as their referent ids; the caller reads
 * the referents in NDR's deferred order.
 */
final class NdrReader {
    /** Longest string accepted, in UTF-16 units (server names and share names are far shorter). */
    static final int MAX_STRING = 1024;
    private final WireReader r;

    NdrReader(byte[] stub) {
        this.r = new WireReader(stub);
    }

    private void align(int n) throws MalformedMessageException {
        r.position(Math.min((r.position() + n - 1) & -n, r.length()));
    }

    int u32() throws MalformedMessageException {
        align(4);
        return r.u32();
    }

    /** A unique or full pointer's referent id: 0 is the null pointer (C706 14.3.10). */
    boolean pointer() throws MalformedMessageException {
        return u32() != 0;
    }

    /**
     * C706 14.3.4.2 / 14.3.3.4: a conformant varying string of UTF-16 units (max_count, offset,
     * actual_count, units) that ends in NUL; returned without the NUL.
     */
    String string() throws MalformedMessageException {
        long max = u32() & 0xFFFFFFFFL;
        long offset = u32() & 0xFFFFFFFFL;
        long actual = u32() & 0xFFFFFFFFL;
        if (offset != 0 || actual > max || actual == 0 || actual > MAX_STRING) {
            throw MalformedMessageException.body("string max " + max + " offset " + offset + " actual " + actual);
        }
        byte[] raw = r.bytes((int) actual * 2);
        if (raw[raw.length - 1] != 0 || raw[raw.length - 2] != 0) {
            throw MalformedMessageException.body("string without a terminating NUL");
        }
        return new String(raw, 0, raw.length - 2, StandardCharsets.UTF_16LE);
    }

    /** A [unique, string] wchar_t* parameter: null or the string. */
    String uniqueString() throws MalformedMessageException {
        return pointer() ? string() : null;
    }

    /** True when every byte was read (trailing padding to 8 is allowed). */
    boolean atEnd() {
        return r.length() - r.position() < 8;
    }
}
