package dev.haven.smb.server;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A previous-version token, {@code @GMT-YYYY.MM.DD-HH.MM.SS} ([MS-SMB2] 2.2.32.2 SRV_SNAPSHOT_ARRAY):
 * the UTC second a snapshot was taken. Clients put it in FSCTL_SRV_ENUMERATE_SNAPSHOTS answers'
 * names and (smbclient, macOS, as Samba's shadow_copy2 accepts) as one component of a path. Only
 * the exact 24-character form with a real date is a token; anything else is an ordinary name.
 */
record GmtToken(Instant time) {
    /** Length of {@code @GMT-YYYY.MM.DD-HH.MM.SS}. */
    static final int LENGTH = 24;
    private static final String PREFIX = "@GMT-";
    /** Where the digits of each field start, and how many there are. */
    private static final int[][] FIELDS = {{5, 4}, {10, 2}, {13, 2}, {16, 2}, {19, 2}, {22, 2}};
    /** The separators between the fields, by position. */
    private static final int[][] SEPARATORS = {{9, '.'}, {12, '.'}, {15, '-'}, {18, '.'}, {21, '.'}};

    /** The token of {@code time}, rounded down to the second. */
    static GmtToken of(Instant time) {
        return new GmtToken(time.truncatedTo(ChronoUnit.SECONDS));
    }

    /** The token {@code text} names, or empty when it is not exactly a token of a real UTC time. */
    static Optional<GmtToken> parse(String text) {
        if (text.length() != LENGTH || !text.startsWith(PREFIX)) {
            return Optional.empty();
        }
        for (int[] s : SEPARATORS) {
            if (text.charAt(s[0]) != s[1]) {
                return Optional.empty();
            }
        }
        int[] v = new int[FIELDS.length];
        for (int i = 0; i < FIELDS.length; i++) {
            for (int at = FIELDS[i][0]; at < FIELDS[i][0] + FIELDS[i][1]; at++) {
                char c = text.charAt(at);
                if (c < '0' || c > '9') {
                    return Optional.empty();
                }
                v[i] = v[i] * 10 + (c - '0');
            }
        }
        try {
            return Optional.of(new GmtToken(LocalDateTime.of(v[0], v[1], v[2], v[3], v[4], v[5])
                    .toInstant(ZoneOffset.UTC)));
        } catch (DateTimeException e) {
            return Optional.empty(); // month 13, 30 February, hour 24, ...
        }
    }

    /** The token's text. */
    @Override
    public String toString() {
        LocalDateTime t = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
        return String.format("@GMT-%04d.%02d.%02d-%02d.%02d.%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond());
    }
}
