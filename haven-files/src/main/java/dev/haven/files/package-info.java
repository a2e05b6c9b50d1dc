/**
 * The protocol-neutral file service that every front-end (SMB now, NFS later) calls. This package
 * owns the identities the rule engines are keyed by ({@link dev.haven.files.FileKey},
 * {@link dev.haven.files.OpenId}, {@link dev.haven.files.OwnerId}, {@link dev.haven.files.LeaseKey},
 * {@link dev.haven.files.ClientGuid}), the access-mask and share-access value types, and the one
 * closed set of error kinds ({@link dev.haven.files.FileServiceError}) that front-ends map to
 * their wire status codes in one table. The rule engines live in the sub-packages
 * {@code share}, {@code lock} and {@code lease}; none of them does I/O. {@code service} is the
 * file service over HavenFS; {@code copy} holds server-side copy and its resume keys.
 */
package dev.haven.files;
