package dev.haven.fs;

import java.util.List;

/**
 * What {@link FsCheck} found. {@code problems} is empty for a consistent file system; each entry
 * names the block or inode at fault.
 */
public record FsckReport(List<String> problems, long seq, boolean cleanFlag, long inodes, long usedBlocks) {
    /** True when no problem was found. */
    public boolean isClean() {
        return problems.isEmpty();
    }

    @Override
    public String toString() {
        return (problems.isEmpty() ? "clean" : problems.size() + " problem(s): " + String.join("; ", problems))
                + " (commit " + seq + ", " + inodes + " inodes, " + usedBlocks + " blocks used)";
    }
}
