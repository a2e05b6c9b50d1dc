package dev.haven.smb.wire;

/**
 * The four FILETIMEs that CREATE, CLOSE and the information classes carry, in wire order:
 * CreationTime, LastAccessTime, LastWriteTime, ChangeTime ([MS-DTYP] 2.3.3: 100 ns since 1601).
 */
public record FileTimes(long creationTime, long lastAccessTime, long lastWriteTime, long changeTime) {
    /** All zero (CLOSE without post-query attributes). */
    public static final FileTimes ZERO = new FileTimes(0, 0, 0, 0);

    /** Reads 32 bytes. */
    public static FileTimes decode(WireReader r) throws MalformedMessageException {
        return new FileTimes(r.u64(), r.u64(), r.u64(), r.u64());
    }

    /** Writes 32 bytes. */
    public void encode(WireWriter w) {
        w.u64(creationTime).u64(lastAccessTime).u64(lastWriteTime).u64(changeTime);
    }
}
