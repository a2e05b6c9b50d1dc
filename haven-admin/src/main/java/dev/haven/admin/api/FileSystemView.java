package dev.haven.admin.api;

/**
 * A file system: its space, its snapshots and a running restore.
 *
 * @param sizeBytes the file system's size
 * @param usedBytes bytes in use
 * @param freeBytes bytes free
 * @param snapshots snapshots of its volume
 * @param saveUsedBytes save-volume bytes holding snapshot data
 * @param saveTotalBytes the save volume's capacity
 * @param restore the running restore, or null
 */
public record FileSystemView(String name, String virtualServer, long sizeBytes, long usedBytes, long freeBytes,
        int snapshots, long saveUsedBytes, long saveTotalBytes, RestoreView restore) {}
