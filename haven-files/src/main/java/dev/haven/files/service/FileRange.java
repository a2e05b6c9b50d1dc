package dev.haven.files.service;

/** A range of {@code length} bytes of a file from {@code offset} (allocated ranges of a sparse file). */
public record FileRange(long offset, long length) {
}
