package dev.haven.files.service;

import java.util.UUID;

/** Size and identity of the file system behind a share. */
public record VolumeInfo(UUID fsId, int blockSize, long totalBlocks, long freeBlocks, boolean caseInsensitive,
        boolean readOnly) {
}
