package dev.haven.block;

/** Validation and parsing of block sizes and byte sizes written as {@code 4K}, {@code 16G}, {@code 10T}. */
public final class BlockSize {
    private BlockSize() {}

    /** Smallest block size a device may have. */
    public static final int MIN = 512;
    /** Largest block size a device may have. */
    public static final int MAX = 65_536;

    /** Returns {@code size} when it is a power of two in [{@link #MIN}, {@link #MAX}], else throws. */
    public static int check(int size) {
        if (size < MIN || size > MAX || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("block size " + size + " is not a power of two between 512 and 65536");
        }
        return size;
    }

    /**
     * Parses a byte count with an optional binary suffix K, M, G, T or P (case-insensitive, an
     * optional trailing {@code B} or {@code iB} is accepted): {@code 4K} is 4096.
     */
    public static long parseBytes(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT);
        if (t.endsWith("IB")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("B")) {
            t = t.substring(0, t.length() - 1);
        }
        int shift = 0;
        if (!t.isEmpty()) {
            switch (t.charAt(t.length() - 1)) {
                case 'K' -> shift = 10;
                case 'M' -> shift = 20;
                case 'G' -> shift = 30;
                case 'T' -> shift = 40;
                case 'P' -> shift = 50;
                default -> shift = 0;
            }
        }
        if (shift != 0) {
            t = t.substring(0, t.length() - 1);
        }
        long n;
        try {
            n = Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a size: '" + text + "' (use e.g. 4096, 4K, 1G, 16T)");
        }
        if (n < 0 || (shift > 0 && n > (Long.MAX_VALUE >> shift))) {
            throw new IllegalArgumentException("size out of range: '" + text + "'");
        }
        return n << shift;
    }
}
