package dev.haven.files.service;

import dev.haven.files.FileKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allocation sizes set by clients above what a file holds ([MS-FSCC] 2.4.4
 * FileAllocationInformation, [MS-SMB2] 2.2.13.2.6 SMB2_CREATE_ALLOCATION_SIZE): reported as the
 * file's AllocationSize, rounded up to whole blocks, until the file's end is set or its last open
 * closes, as NTFS trims unused allocation at the last cleanup ([MS-FSA] 2.1.5.15.1).
 *
 * <p>They are reported, not reserved: HavenFS writes copy-on-write, so blocks set aside now could
 * not hold a later overwrite anyway; a write that finds the volume full fails as any write does.
 */
final class AllocationSizes {
    private final ConcurrentHashMap<FileKey, Long> sizes = new ConcurrentHashMap<>();

    /** The file {@code key} reports at least {@code bytes} (rounded up to {@code blockSize}) while open. */
    void set(FileKey key, long bytes, int blockSize) {
        long rounded = Math.ceilDiv(bytes, blockSize) * (long) blockSize;
        if (rounded <= 0) {
            sizes.remove(key);
        } else {
            sizes.put(key, rounded);
        }
    }

    /** {@code a} with the allocation size set for {@code key}, when that is larger. */
    FileAttributes apply(FileKey key, FileAttributes a) {
        Long set = sizes.get(key);
        return set == null || a.directory() || set <= a.allocationSize() ? a : a.withAllocationSize(set);
    }

    /** The file's end was set, or its last open closed: the unused allocation goes. */
    void clear(FileKey key) {
        sizes.remove(key);
    }
}
