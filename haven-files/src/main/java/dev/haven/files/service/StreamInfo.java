package dev.haven.files.service;

/**
 * One data stream of a file ([MS-FSCC] 2.4.43 FILE_STREAM_INFORMATION).
 *
 * @param name           {@code ::$DATA} for the default stream, {@code :NAME:$DATA} for a named one
 * @param size           StreamSize
 * @param allocationSize StreamAllocationSize
 */
public record StreamInfo(String name, long size, long allocationSize) {
}
