package dev.haven.smb.server;

import dev.haven.files.service.ExtendedAttribute;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WireWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire forms of extended attributes: [MS-FSCC] 2.4.15 FILE_FULL_EA_INFORMATION (SET_INFO,
 * QUERY_INFO and the ExtA create context) and 2.4.15.1 FILE_GET_EA_INFORMATION (the names a
 * QUERY_INFO asks for). Entries are 4-byte aligned; the last has NextEntryOffset 0.
 */
final class FullEaInformation {
    private static final int FIXED = 8;

    private FullEaInformation() {
    }

    /** Parses a FILE_FULL_EA_INFORMATION chain; one that runs past its buffer is STATUS_EA_LIST_INCONSISTENT. */
    static List<ExtendedAttribute> decode(byte[] buffer) throws SmbStatusException {
        List<ExtendedAttribute> out = new ArrayList<>();
        try {
            int at = 0;
            while (true) {
                WireReader r = new WireReader(buffer);
                r.position(at);
                int next = r.u32();
                int flags = r.u8();
                int nameLength = r.u8();
                int valueLength = r.u16();
                String name = new String(r.bytes(nameLength), StandardCharsets.US_ASCII);
                r.skip(1);
                out.add(new ExtendedAttribute(name, r.bytes(valueLength), flags));
                if (next == 0) {
                    return out;
                }
                if ((next & 3) != 0 || next < FIXED + nameLength + 1 + valueLength) {
                    throw new SmbStatusException(NtStatus.EA_LIST_INCONSISTENT, "EA NextEntryOffset " + next);
                }
                at += next;
            }
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.EA_LIST_INCONSISTENT, "EA list: " + e.getMessage());
        }
    }

    /** Parses a FILE_GET_EA_INFORMATION chain: the names asked for. */
    static List<String> decodeNames(byte[] buffer) throws SmbStatusException {
        List<String> out = new ArrayList<>();
        try {
            int at = 0;
            while (at < buffer.length) {
                WireReader r = new WireReader(buffer);
                r.position(at);
                int next = r.u32();
                int nameLength = r.u8();
                out.add(new String(r.bytes(nameLength), StandardCharsets.US_ASCII));
                if (next == 0) {
                    break;
                }
                if ((next & 3) != 0 || next < 5 + nameLength) {
                    throw new SmbStatusException(NtStatus.EA_LIST_INCONSISTENT, "EA name NextEntryOffset " + next);
                }
                at += next;
            }
        } catch (MalformedMessageException e) {
            throw new SmbStatusException(NtStatus.EA_LIST_INCONSISTENT, "EA name list: " + e.getMessage());
        }
        return out;
    }

    /** One entry, padded to 4 bytes unless {@code last}. */
    static byte[] entry(ExtendedAttribute ea, boolean last) {
        byte[] name = ea.name().getBytes(StandardCharsets.US_ASCII);
        int size = FIXED + name.length + 1 + ea.length();
        int next = last ? 0 : (size + 3) & ~3;
        WireWriter w = new WireWriter();
        w.u32(next).u8(ea.flags()).u8(name.length).u16(ea.length()).bytes(name).u8(0).bytes(ea.value());
        for (int pad = size; pad < next; pad++) {
            w.u8(0);
        }
        return w.toByteArray();
    }

    /** A whole chain, for the tests and the ExtA context's round trip. */
    static byte[] encode(List<ExtendedAttribute> eas) {
        WireWriter w = new WireWriter();
        for (int i = 0; i < eas.size(); i++) {
            w.bytes(entry(eas.get(i), i + 1 == eas.size()));
        }
        return w.toByteArray();
    }
}
