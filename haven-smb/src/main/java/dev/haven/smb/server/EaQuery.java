package dev.haven.smb.server;

import dev.haven.files.service.ExtendedAttribute;
import dev.haven.files.service.ExtendedAttributes;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.QueryInfoRequest;
import dev.haven.smb.wire.QueryInfoResponse;
import dev.haven.smb.wire.WireWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * QUERY_INFO FileFullEaInformation ([MS-SMB2] 3.3.5.20.1, [MS-FSA] 2.1.5.12.8 as it applies to
 * a file's whole EA list): the EAs the input buffer names (a name without an EA comes back with
 * an empty value), else the list from the open's cursor, from the start with SL_RESTART_SCAN or
 * from the 1-based index in AdditionalInformation with SL_INDEX_SPECIFIED; SL_RETURN_SINGLE_ENTRY
 * returns one. As many whole entries as fit are returned; none fitting is STATUS_BUFFER_TOO_SMALL,
 * some is STATUS_BUFFER_OVERFLOW; a file without EAs is STATUS_NO_EAS_ON_FILE, a cursor past the
 * end STATUS_NO_MORE_EAS.
 */
final class EaQuery {
    static final int FULL_EA = 15;
    private static final int RESTART_SCAN = 0x1;
    private static final int RETURN_SINGLE_ENTRY = 0x2;
    private static final int INDEX_SPECIFIED = 0x4;

    private EaQuery() {
    }

    static Reply query(SmbOpen open, QueryInfoRequest req) throws SmbStatusException {
        List<ExtendedAttribute> all = ExtendedAttributes.list(open.open());
        List<String> asked = FullEaInformation.decodeNames(req.input());
        if (!asked.isEmpty()) {
            return answer(named(all, asked), req, false);
        }
        if (all.isEmpty()) {
            throw new SmbStatusException(NtStatus.NO_EAS_ON_FILE, "no EAs");
        }
        int from = (req.flags() & INDEX_SPECIFIED) != 0 ? req.additionalInformation() - 1
                : (req.flags() & RESTART_SCAN) != 0 ? 0 : open.eaIndex();
        if (from < 0 || from >= all.size()) {
            throw new SmbStatusException(NtStatus.NO_MORE_EAS, "EA index " + (from + 1) + " of " + all.size());
        }
        List<ExtendedAttribute> rest = all.subList(from, (req.flags() & RETURN_SINGLE_ENTRY) != 0 ? from + 1 : all.size());
        Reply r = answer(rest, req, true);
        open.eaIndex(from + returned(rest, req.outputBufferLength()));
        return r;
    }

    private static List<ExtendedAttribute> named(List<ExtendedAttribute> all, List<String> asked) {
        List<ExtendedAttribute> out = new ArrayList<>();
        for (String name : asked) {
            String key = name.toUpperCase(Locale.ROOT);
            out.add(all.stream().filter(e -> e.name().equals(key)).findFirst()
                    .orElse(new ExtendedAttribute(name, new byte[0], 0)));
        }
        return out;
    }

    /** How many whole entries of {@code eas} fit in {@code room} bytes. */
    private static int returned(List<ExtendedAttribute> eas, int room) {
        long used = 0;
        int n = 0;
        for (ExtendedAttribute ea : eas) {
            long aligned = (used + 3) & ~3L;
            long size = FullEaInformation.entry(ea, true).length;
            if (aligned + size > Integer.toUnsignedLong(room)) {
                break;
            }
            used = aligned + size;
            n++;
        }
        return n;
    }

    private static Reply answer(List<ExtendedAttribute> eas, QueryInfoRequest req, boolean partialAllowed)
            throws SmbStatusException {
        int n = returned(eas, req.outputBufferLength());
        if (n == 0 || n < eas.size() && !partialAllowed) {
            throw new SmbStatusException(NtStatus.BUFFER_TOO_SMALL, "EA list needs more than " + req.outputBufferLength());
        }
        WireWriter w = new WireWriter();
        for (int i = 0; i < n; i++) {
            w.bytes(FullEaInformation.entry(eas.get(i), i + 1 == n));
        }
        QueryInfoResponse body = new QueryInfoResponse(w.toByteArray());
        return n < eas.size() ? new Reply.Respond(NtStatus.BUFFER_OVERFLOW, body) : Reply.ok(body);
    }
}
