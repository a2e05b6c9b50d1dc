/**
 * The file service over HavenFS: shares and path resolution that never leaves a share, the open
 * table ({@link dev.haven.files.service.FileService}, {@link dev.haven.files.service.Open}),
 * create dispositions, data I/O with byte-range lock checks, attributes as protocol-neutral
 * records, rename, links, delete-on-close, directory listing and sparse files
 * ({@link dev.haven.files.service.SparseFiles}). It publishes every change it makes to the
 * change-notification watches ({@link dev.haven.files.service.FileChanges}), calls the rule engines of
 * {@code share}, {@code lock} and {@code lease} (the breaks an open, a write, a truncate, a lock,
 * a rename or a delete causes, and the caching an open is granted, in {@code CachingOpens}) and
 * maps every {@link dev.haven.fs.FsError} to a
 * {@link dev.haven.files.FileServiceError} in one place ({@link dev.haven.files.service.FsFailure}).
 */
package dev.haven.files.service;
