/**
 * Access control for the file service, as Windows defines it: SIDs ([MS-DTYP] 2.4.2), ACEs and
 * ACLs (2.4.4, 2.4.5), self-relative security descriptors (2.4.6) with their byte codec, the
 * access check algorithm (2.5.3.2), inheritance of ACEs to new files and directories (2.5.3.4,
 * simplified as NTFS applies it) and {@link dev.haven.files.security.FileSecurity}, which keeps
 * each file's descriptor in a HavenFS extended attribute and decides the access an open gets.
 * Protocol-neutral: an NFS front-end maps its uid/gid to the same {@link dev.haven.files.security.Token}.
 */
package dev.haven.files.security;
