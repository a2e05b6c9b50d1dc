package dev.haven.fs;

/** The closed set of error kinds HavenFS reports; front-ends map each to a wire status in one table. */
public enum FsError {
    /** No such name or inode. */
    NOT_FOUND,
    /** The name is taken. */
    EXISTS,
    /** A directory to remove or replace still has entries. */
    NOT_EMPTY,
    /** A path component or the target is not a directory. */
    NOT_A_DIRECTORY,
    /** The operation needs a non-directory. */
    IS_A_DIRECTORY,
    /** The volume is full. */
    NO_SPACE,
    /** A name is empty, longer than 255 bytes, contains '/' or NUL, or is "." or "..". */
    NAME_INVALID,
    /** The inode id names a deleted file, or its generation does not match. */
    STALE,
    /** The device failed; the file system is now failed and reports this on every call. */
    IO_ERROR,
    /** The file system is mounted read-only. */
    READ_ONLY,
    /** On-disk metadata failed a check (checksum, magic, structure); the message names the block. */
    CORRUPT,
    /** A size, offset or value is beyond what the format allows. */
    TOO_LARGE,
    /** A directory would be moved into its own subtree. */
    LOOP,
    /** An argument is malformed (negative offset, wrong node type for the call, ...). */
    INVALID,
    /** The file system is closed. */
    CLOSED
}
