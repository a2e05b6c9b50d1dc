package dev.haven.fs;

/**
 * One directory entry. {@code cookie} resumes a listing just after this entry's hash bucket; it
 * stays valid while other entries come and go.
 */
public record DirEntry(String name, long inode, NodeType type, long cookie) {
}
