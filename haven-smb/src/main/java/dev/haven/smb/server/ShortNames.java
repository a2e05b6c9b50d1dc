package dev.haven.smb.server;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * [MS-FSCC] 2.1.5.2.1 8.3 names for clients that ask for them (FileAlternateNameInformation).
 * HavenFS stores none, so the short name is derived from the long one: a name that already fits
 * 8.3 is its own short name; any other becomes up to 4 characters of its base, '~', 3 hex digits
 * of a CRC-32 of the whole name, and up to 3 characters of its extension, upper-cased, with the
 * characters 8.3 forbids left out ("torture_file.data" becomes "TORT~3A9.DAT"). The same name
 * always gets the same short name; two names in one directory share one only when both their
 * first 4 characters and 12 bits of their CRC agree.
 */
final class ShortNames {
    private static final String FORBIDDEN = "\"*+,/:;<=>?[]|.\\ ";
    /** An 8.3 name: 1-8 characters, an optional dot and 1-3 more, none of the characters 8.3 forbids. */
    private static final Pattern SHORT_NAME =
            Pattern.compile("[\\x21-\\x7E&&[^\"*+,/:;<=>?\\[\\]|.\\\\]]{1,8}(\\.[\\x21-\\x7E&&[^\"*+,/:;<=>?\\[\\]|.\\\\]]{1,3})?");

    private ShortNames() {
    }

    /** The 8.3 name of {@code name} (a single path component). */
    static String of(String name) {
        if (SHORT_NAME.matcher(name).matches()) {
            return name;
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot + 1) : "";
        CRC32 crc = new CRC32();
        crc.update(name.toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        String hash = String.format("%03X", crc.getValue() & 0xFFF);
        String shortBase = valid(base, 4);
        String shortExt = valid(ext, 3);
        return (shortBase.isEmpty() ? "_" : shortBase) + "~" + hash + (shortExt.isEmpty() ? "" : "." + shortExt);
    }

    /** Up to {@code max} characters of {@code s} that 8.3 allows, upper-cased. */
    private static String valid(String s, int max) {
        StringBuilder b = new StringBuilder(max);
        for (int i = 0; i < s.length() && b.length() < max; i++) {
            char c = Character.toUpperCase(s.charAt(i));
            if (c > 0x20 && c < 0x7F && FORBIDDEN.indexOf(c) < 0) {
                b.append(c);
            }
        }
        return b.toString();
    }
}
