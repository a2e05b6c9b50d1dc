package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.13.2: one SMB2_CREATE_CONTEXT: Next (4), NameOffset (2), NameLength (2),
 * Reserved (2), DataOffset (2), DataLength (4), Buffer; offsets count from the context's start.
 *
 * @param name the tag, usually four ASCII characters ("MxAc", "QFid", "RqLs", ...)
 */
public record CreateContext(String name, byte[] data) {
    /** Copies the data. */
    public CreateContext {
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    /** Parses the chain in {@code raw}; a context pointing outside it is malformed. */
    static List<CreateContext> decodeChain(byte[] raw) throws MalformedMessageException {
        List<CreateContext> out = new ArrayList<>();
        int at = 0;
        while (raw.length > 0) {
            WireReader r = new WireReader(raw);
            r.position(at);
            int next = r.u32();
            int nameOffset = r.u16();
            int nameLength = r.u16();
            r.skip(2);
            int dataOffset = r.u16();
            int dataLength = r.u32();
            byte[] name = r.buffer(at + (long) nameOffset, nameLength, at + 16);
            byte[] data = r.buffer(at + (long) dataOffset, Integer.toUnsignedLong(dataLength), at + 16);
            out.add(new CreateContext(new String(name, StandardCharsets.ISO_8859_1), data));
            if (next == 0) {
                break;
            }
            if (next < 16 || (next & 7) != 0 || at + (long) next >= raw.length) {
                throw MalformedMessageException.body("create context Next " + next);
            }
            at += next;
        }
        return List.copyOf(out);
    }

    /** Writes a chain of contexts, each 8-byte aligned, starting at an 8-aligned position. */
    static void encodeChain(List<CreateContext> contexts, WireWriter w) {
        for (int i = 0; i < contexts.size(); i++) {
            CreateContext c = contexts.get(i);
            int start = w.position();
            byte[] name = c.name.getBytes(StandardCharsets.ISO_8859_1);
            int dataOffset = c.data.length == 0 ? 0 : (16 + name.length + 7) & ~7;
            w.u32(0).u16(16).u16(name.length).u16(0).u16(dataOffset).u32(c.data.length).bytes(name);
            if (c.data.length > 0) {
                w.align(8);
                w.bytes(c.data);
            }
            if (i + 1 < contexts.size()) {
                w.align(8);
                w.u32At(start, w.position() - start);
            }
        }
    }
}
