package dev.haven.fs;

/** A run of {@code length} device blocks from {@code start}. */
record Extent(long start, long length) {
    long end() {
        return start + length;
    }
}
