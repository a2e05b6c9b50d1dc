package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.14.1: SMB2_FILEID, a Persistent (8) and a Volatile (8) part. All ones in both
 * means "the file of the previous request" in a related compound (3.3.5.2.7.2).
 */
public record Smb2FileId(long persistent, long volatileId) {
    /** The related-compound placeholder 0xFFFFFFFFFFFFFFFF:0xFFFFFFFFFFFFFFFF. */
    public static final Smb2FileId CHAINED = new Smb2FileId(-1L, -1L);

    /** Reads 16 bytes. */
    public static Smb2FileId decode(WireReader r) throws MalformedMessageException {
        return new Smb2FileId(r.u64(), r.u64());
    }

    /** Writes 16 bytes. */
    public void encode(WireWriter w) {
        w.u64(persistent).u64(volatileId);
    }

    /** True for the related-compound placeholder. */
    public boolean isChained() {
        return equals(CHAINED);
    }
}
