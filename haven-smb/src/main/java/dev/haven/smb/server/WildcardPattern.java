package dev.haven.smb.server;

import java.util.Locale;

/**
 * [MS-FSA] 2.1.4.4 name matching: {@code *} matches any run of characters, {@code ?} exactly one;
 * the DOS forms {@code <} (DOS_STAR: any run not passing the name's last '.'), {@code >} (DOS_QM:
 * any one character, or nothing at a '.' or the end of the name) and {@code "} (DOS_DOT: a '.',
 * or nothing at the end of the name). Case-insensitive when the file system is.
 */
final class WildcardPattern {
    private final String pattern;
    private final boolean ignoreCase;
    private final boolean matchesAll;

    private WildcardPattern(String pattern, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        this.pattern = ignoreCase ? pattern.toUpperCase(Locale.ROOT) : pattern;
        this.matchesAll = pattern.equals("*") || pattern.isEmpty();
    }

    /** The pattern; empty matches everything, as "*" does ([MS-SMB2] 3.3.5.18). */
    static WildcardPattern of(String pattern, boolean ignoreCase) {
        return new WildcardPattern(pattern, ignoreCase);
    }

    boolean matches(String name) {
        if (matchesAll) {
            return true;
        }
        String n = ignoreCase ? name.toUpperCase(Locale.ROOT) : name;
        // memo[p][i]: 0 unknown, 1 match, 2 no match; patterns and names are short (<= 255).
        byte[][] memo = new byte[pattern.length() + 1][n.length() + 1];
        return match(0, 0, n, n.lastIndexOf('.'), memo);
    }

    private boolean match(int p, int i, String n, int lastDot, byte[][] memo) {
        if (memo[p][i] != 0) {
            return memo[p][i] == 1;
        }
        boolean result = step(p, i, n, lastDot, memo);
        memo[p][i] = (byte) (result ? 1 : 2);
        return result;
    }

    private boolean step(int p, int i, String n, int lastDot, byte[][] memo) {
        if (p == pattern.length()) {
            return i == n.length();
        }
        char c = pattern.charAt(p);
        boolean atEnd = i == n.length();
        return switch (c) {
            case '*' -> match(p + 1, i, n, lastDot, memo) || !atEnd && match(p, i + 1, n, lastDot, memo);
            case '<' -> match(p + 1, i, n, lastDot, memo)
                    || !atEnd && (lastDot < i || i < lastDot) && match(p, i + 1, n, lastDot, memo);
            case '?' -> !atEnd && match(p + 1, i + 1, n, lastDot, memo);
            case '>' -> atEnd || n.charAt(i) == '.' ? match(p + 1, i, n, lastDot, memo)
                    : match(p + 1, i + 1, n, lastDot, memo);
            case '"' -> atEnd ? match(p + 1, i, n, lastDot, memo)
                    : n.charAt(i) == '.' && match(p + 1, i + 1, n, lastDot, memo);
            default -> !atEnd && n.charAt(i) == c && match(p + 1, i + 1, n, lastDot, memo);
        };
    }
}
