package dev.haven.files.copy;

/**
 * One range to copy ([MS-SMB2] 2.2.31.1.1 SRV_COPYCHUNK): {@code length} bytes from
 * {@code sourceOffset} of the source to {@code targetOffset} of the destination. Offsets are
 * unsigned on the wire; a value past 2^63 - 1 arrives negative and is refused by the copy.
 */
public record CopyChunk(long sourceOffset, long targetOffset, long length) {
}
