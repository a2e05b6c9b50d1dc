package dev.haven.files;

/**
 * The one closed set of error kinds the file service raises. Each front-end maps every kind to its
 * wire status in one table (SMB: NTSTATUS, NFS: nfsstat4); the comment names the SMB status.
 */
public enum FileServiceError {
    /** STATUS_SHARING_VIOLATION: share modes of an existing open deny this open ([MS-FSA] 2.1.5.1.2.2). */
    SHARING_VIOLATION,
    /** STATUS_DELETE_PENDING: the file is marked for deletion; no new opens ([MS-FSA] 2.1.5.1.2). */
    DELETE_PENDING,
    /** STATUS_LOCK_NOT_GRANTED: a fail-immediately lock request conflicts ([MS-FSA] 2.1.5.8). */
    LOCK_NOT_GRANTED,
    /** STATUS_FILE_LOCK_CONFLICT: a read or write hits another open's lock ([MS-FSA] 2.1.4.10). */
    LOCK_CONFLICT,
    /** STATUS_RANGE_NOT_LOCKED: an unlock names no lock held exactly so ([MS-FSA] 2.1.5.9). */
    RANGE_NOT_LOCKED,
    /** STATUS_INVALID_LOCK_RANGE: offset + length - 1 passes 2^64 - 1 ([MS-FSA] 2.1.5.8). */
    INVALID_LOCK_RANGE,
    /** STATUS_CANCELLED: a waiting request was cancelled (SMB2 CANCEL, close of its open). */
    CANCELLED,
    /** STATUS_ACCESS_DENIED: the open lacks the access the operation needs. */
    ACCESS_DENIED,
    /** STATUS_CANNOT_DELETE: a read-only file cannot be deleted or marked delete-on-close ([MS-FSA] 2.1.5.1.2.1). */
    CANNOT_DELETE,
    /** STATUS_INVALID_PARAMETER: a malformed or inconsistent argument. */
    INVALID_PARAMETER,
    /** STATUS_FILE_CLOSED: the open named is not (or no longer) open. */
    FILE_CLOSED,
    /** STATUS_INVALID_DEVICE_STATE: an oplock break acknowledgment with no break in progress ([MS-SMB2] 3.3.5.22.1). */
    OPLOCK_NOT_BREAKING,
    /** STATUS_INVALID_OPLOCK_PROTOCOL: an acknowledged oplock level above the level broken to ([MS-SMB2] 3.3.5.22.1). */
    INVALID_OPLOCK_PROTOCOL,
    /** STATUS_UNSUCCESSFUL: a lease break acknowledgment with no break in progress ([MS-SMB2] 3.3.5.22.2). */
    LEASE_NOT_BREAKING,
    /** STATUS_REQUEST_NOT_ACCEPTED: an acknowledged lease state not within the break-to state ([MS-SMB2] 3.3.5.22.2). */
    LEASE_STATE_NOT_ACCEPTED,
    /** STATUS_OBJECT_NAME_NOT_FOUND: a lease key that this client does not hold ([MS-SMB2] 3.3.5.22.2). */
    LEASE_NOT_FOUND,
    /** STATUS_OBJECT_NAME_NOT_FOUND: the last component of a path names nothing. */
    NOT_FOUND,
    /** STATUS_OBJECT_PATH_NOT_FOUND: a directory on the way to the last component is missing or not a directory. */
    PATH_NOT_FOUND,
    /** STATUS_OBJECT_NAME_COLLISION: the name is taken. */
    EXISTS,
    /** STATUS_DIRECTORY_NOT_EMPTY: a directory to delete or replace still has entries. */
    NOT_EMPTY,
    /** STATUS_NOT_A_DIRECTORY: a directory was asked for and this is a file. */
    NOT_A_DIRECTORY,
    /** STATUS_FILE_IS_A_DIRECTORY: a file was asked for (or data I/O attempted) and this is a directory. */
    IS_A_DIRECTORY,
    /** STATUS_DISK_FULL: the file system has no room. */
    NO_SPACE,
    /** STATUS_OBJECT_NAME_INVALID: a name is empty, ".", "..", too long or holds a forbidden character. */
    NAME_INVALID,
    /** STATUS_MEDIA_WRITE_PROTECTED: the file system is mounted read-only. */
    READ_ONLY,
    /** STATUS_INVALID_VIEW_SIZE: a server-side copy's source range passes the source's end ([MS-SMB2] 3.3.5.15.6). */
    RANGE_BEYOND_END,
    /** STATUS_FILE_TOO_LARGE: an offset or size beyond what the file system holds. */
    FILE_TOO_LARGE,
    /** STATUS_INVALID_EA_NAME: an extended attribute name [MS-FSCC] 2.4.15 does not allow. */
    INVALID_EA_NAME,
    /** STATUS_EA_TOO_LARGE: a file's extended attributes would pass their size limit. */
    EA_TOO_LARGE,
    /** STATUS_UNEXPECTED_IO_ERROR: the storage failed (fail-stop) or is closed. */
    IO_ERROR,
    /** STATUS_FILE_CORRUPT_ERROR: on-disk metadata failed a check. */
    CORRUPT,
    /** STATUS_INSUFFICIENT_RESOURCES: a store the request needs (persistent opens) cannot take it. */
    INSUFFICIENT_RESOURCES,
    /** STATUS_NOT_SUPPORTED: this service does not offer what was asked (a persistent open without a store). */
    NOT_SUPPORTED,
}
