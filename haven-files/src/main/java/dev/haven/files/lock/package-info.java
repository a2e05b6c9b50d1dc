/**
 * Byte-range locks: shared and exclusive ranges per file, owned by an open and a lock owner, with
 * the conflict rules of [MS-FSA] 2.1.4.10, lock/unlock of [MS-FSA] 2.1.5.8/2.1.5.9, blocking
 * waiters granted in arrival order, read/write checks, and the lock-sequence replay table of
 * [MS-SMB2] 3.3.5.14. Owns {@link dev.haven.files.lock.ByteRangeLocks}; no I/O.
 */
package dev.haven.files.lock;
