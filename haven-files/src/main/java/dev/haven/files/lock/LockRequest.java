package dev.haven.files.lock;

/**
 * One range of a multi-range lock request ([MS-SMB2] 2.2.26.1 SMB2_LOCK_ELEMENT without its flags).
 *
 * @param offset    first byte, unsigned
 * @param length    number of bytes, unsigned
 * @param exclusive exclusive or shared
 */
public record LockRequest(long offset, long length, boolean exclusive) {}
