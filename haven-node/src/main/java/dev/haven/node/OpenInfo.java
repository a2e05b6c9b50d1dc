package dev.haven.node;

import java.util.List;

/**
 * An open file or directory and the byte-range locks held through it.
 *
 * @param virtualServer the virtual file server it was opened on
 * @param share the share it was opened through
 * @param name its name in its directory ("" for a share's root)
 * @param inode its inode in the file system
 * @param directory true for a directory
 * @param locks the byte-range locks of this open, as {@code offset+length} and {@code x} when exclusive
 */
public record OpenInfo(String virtualServer, String share, String name, long inode, boolean directory,
        List<String> locks) {
    /** Copies the list. */
    public OpenInfo {
        locks = List.copyOf(locks);
    }
}
