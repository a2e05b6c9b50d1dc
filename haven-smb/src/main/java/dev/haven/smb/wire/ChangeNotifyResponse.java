package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 2.2.36: SMB2 CHANGE_NOTIFY Response: StructureSize (9), OutputBufferOffset (2),
 * OutputBufferLength (4), Buffer: a chain of [MS-FSCC] 2.4.42 FILE_NOTIFY_INFORMATION entries,
 * each NextEntryOffset (4), Action (4), FileNameLength (4), FileName (UTF-16LE), every entry but
 * the last padded to 4 bytes.
 *
 * @param changes the entries, in order; empty for STATUS_NOTIFY_ENUM_DIR and STATUS_NOTIFY_CLEANUP
 */
public record ChangeNotifyResponse(List<Entry> changes) implements Smb2Response {
    /** One FILE_NOTIFY_INFORMATION entry: the Action code and the name relative to the watched directory. */
    public record Entry(int action, String fileName) {
        /** Checks the name. */
        public Entry {
            java.util.Objects.requireNonNull(fileName, "fileName");
        }
    }

    /** Copies the list. */
    public ChangeNotifyResponse {
        changes = List.copyOf(changes);
    }

    /** The encoded FILE_NOTIFY_INFORMATION chain. */
    public byte[] buffer() {
        WireWriter w = new WireWriter();
        for (int i = 0; i < changes.size(); i++) {
            byte[] name = changes.get(i).fileName().getBytes(StandardCharsets.UTF_16LE);
            int size = 12 + name.length;
            boolean last = i == changes.size() - 1;
            int next = last ? 0 : (size + 3) & ~3;
            w.u32(next).u32(changes.get(i).action()).u32(name.length).bytes(name);
            for (int pad = size; !last && pad < next; pad++) {
                w.u8(0);
            }
        }
        return w.toByteArray();
    }

    @Override
    public void encodeBody(WireWriter w) {
        OutputBufferResponse.encode(w, buffer());
    }

    /** Decodes a response body (used by tests and clients). */
    public static ChangeNotifyResponse decode(WireReader r) throws MalformedMessageException {
        byte[] buffer = OutputBufferResponse.decode(r);
        List<Entry> out = new ArrayList<>();
        WireReader b = new WireReader(buffer);
        int at = 0;
        while (at < buffer.length) {
            b.position(at);
            int next = b.u32();
            int action = b.u32();
            int length = b.u32();
            out.add(new Entry(action, new String(b.bytes(length), StandardCharsets.UTF_16LE)));
            if (next == 0) {
                break;
            }
            if (next < 12) {
                throw MalformedMessageException.body("NextEntryOffset " + next);
            }
            at += next;
        }
        return new ChangeNotifyResponse(out);
    }
}
