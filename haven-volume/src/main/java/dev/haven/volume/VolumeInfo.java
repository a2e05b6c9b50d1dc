package dev.haven.volume;

/**
 * A volume's size and use.
 *
 * @param sizeBytes logical size of production
 * @param usedBlocks production blocks not declared free (an upper bound: never-written blocks count)
 * @param saveBlocksUsed save-volume blocks holding snapshot data
 * @param saveBlocksTotal capacity of the save volume in blocks
 * @param restoreOrNull progress of a running restore, else null
 */
public record VolumeInfo(long sizeBytes, int blockSize, long blockCount, long usedBlocks, int snapshots,
        long saveBlocksUsed, long saveBlocksTotal, RestoreProgress restoreOrNull) {}
