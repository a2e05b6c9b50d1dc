package dev.haven.fs;

/** A range of {@code length} bytes of a file from {@code offset}. */
public record ByteRange(long offset, long length) {
    /** The first byte after the range. */
    public long end() {
        return offset + length;
    }
}
