/**
 * HavenFS: the on-disk file system on a {@link dev.haven.block.BlockDevice}.
 *
 * <p>This package owns the whole format (superblocks, allocation bitmaps, the copy-on-write
 * B+tree of inodes, directory entries, extents and extended attributes), the public API the file
 * service calls ({@link dev.haven.fs.HavenFs}), and the checker ({@link dev.haven.fs.FsCheck}).
 * The format is described in {@code docs/format/havenfs.md}. Everything not part of the API is
 * package-private.
 */
package dev.haven.fs;
