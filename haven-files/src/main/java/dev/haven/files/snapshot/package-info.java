/**
 * Previous versions of a share: the read-only snapshots of the share's file system, listed with
 * their creation instants ({@link dev.haven.files.snapshot.SnapshotCatalog}), and each served on
 * demand as a read-only {@link dev.haven.files.service.Share} over HavenFS mounted read-only on the
 * snapshot's view of the volume. Protocol-neutral: SMB's FSCTL_SRV_ENUMERATE_SNAPSHOTS, TWrp
 * create context and {@code @GMT-} path tokens, or an NFS front-end's {@code .snapshot}
 * directory, all land here. Where snapshots come from is the node's business
 * ({@link dev.haven.files.snapshot.SnapshotSource}).
 */
package dev.haven.files.snapshot;
