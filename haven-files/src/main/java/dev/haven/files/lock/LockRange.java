package dev.haven.files.lock;

import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;

/**
 * A byte range with unsigned 64-bit offset and length, as [MS-FSA] 2.1.5.8 defines them. The last
 * byte is {@code offset + length - 1}; a range whose last byte would pass 2^64 - 1 is rejected
 * with INVALID_LOCK_RANGE. A zero length is allowed.
 *
 * @param offset first byte, unsigned
 * @param length number of bytes, unsigned
 */
public record LockRange(long offset, long length) {
    /** Rejects ranges that run past 2^64 - 1 ([MS-FSA] 2.1.5.8 validation). */
    public LockRange {
        if (length != 0 && Long.compareUnsigned(offset + length - 1, offset) < 0) {
            throw new FileServiceException(FileServiceError.INVALID_LOCK_RANGE,
                    Long.toUnsignedString(offset) + "+" + Long.toUnsignedString(length));
        }
    }

    /** Returns the range {@code [offset, offset + length)}. */
    public static LockRange of(long offset, long length) {
        return new LockRange(offset, length);
    }

    /**
     * True if the two ranges overlap by [MS-FSA] 2.1.4.10. The {0, 0} range overlaps nothing. A
     * zero-length range at a non-zero offset X has last byte X - 1, so it overlaps exactly the
     * ranges that start before X and end at or after X: a lock strictly around X.
     */
    public boolean overlaps(LockRange other) {
        if (isNull() || other.isNull()) {
            return false;
        }
        return Long.compareUnsigned(offset, other.last()) <= 0 && Long.compareUnsigned(last(), other.offset) >= 0;
    }

    /** True for the {0, 0} range, which by [MS-FSA] 2.1.4.10 never conflicts. */
    public boolean isNull() {
        return offset == 0 && length == 0;
    }

    /** The last byte, {@code offset + length - 1} in unsigned arithmetic (offset - 1 when length is 0). */
    long last() {
        return offset + length - 1;
    }

    @Override
    public String toString() {
        return "[" + Long.toUnsignedString(offset) + "+" + Long.toUnsignedString(length) + "]";
    }
}
