package dev.haven.fs;

import java.util.UUID;

/**
 * File-system statistics. Inodes are allocated dynamically from free blocks, so {@code freeInodes}
 * is an estimate: each free block could hold at least one more inode.
 */
public record FsStats(UUID fsId, int blockSize, long totalBlocks, long freeBlocks, long usedBlocks,
                      long totalInodes, long freeInodes, long usedInodes, boolean caseInsensitive) {
}
