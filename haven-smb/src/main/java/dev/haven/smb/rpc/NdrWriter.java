package dev.haven.smb.rpc;

import dev.haven.smb.wire.WireWriter;
import java.nio.charset.StandardCharsets;

/**
 * C706 14.2-14.3: NDR 2.0 little-endian writes into one stub, each primitive aligned to its size
 * relative to the stub's start. Referent ids of non-null pointers are unique, non-zero and
 * increasing, as C706 14.3.10 asks of unique pointers.
 */
final class NdrWriter {
    private final WireWriter w = new WireWriter();
    private int nextReferent = 0x00020000;

    NdrWriter u32(int v) {
        w.align(4).u32(v);
        return this;
    }

    /** A pointer: a fresh referent id, or 0 for null. */
    NdrWriter pointer(boolean present) {
        if (present) {
            u32(nextReferent);
            nextReferent += 4;
        } else {
            u32(0);
        }
        return this;
    }

    /** A conformant varying string of UTF-16 units with its terminating NUL (C706 14.3.4.2). */
    NdrWriter string(String s) {
        byte[] raw = (s + "\0").getBytes(StandardCharsets.UTF_16LE);
        int units = raw.length / 2;
        u32(units).u32(0).u32(units);
        w.bytes(raw);
        return this;
    }

    byte[] toByteArray() {
        return w.toByteArray();
    }
}
