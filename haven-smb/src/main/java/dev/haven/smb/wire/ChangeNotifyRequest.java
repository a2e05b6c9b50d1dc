package dev.haven.smb.wire;

/**
 * [MS-SMB2] 2.2.35: SMB2 CHANGE_NOTIFY Request. StructureSize (32), Flags (2), OutputBufferLength
 * (4), FileId (16), CompletionFilter (4), Reserved (4).
 *
 * @param flags              SMB2_WATCH_TREE or 0
 * @param outputBufferLength the most bytes of FILE_NOTIFY_INFORMATION the client accepts
 * @param fileId             the directory open to watch
 * @param completionFilter   the FILE_NOTIFY_CHANGE_* bits to report
 */
public record ChangeNotifyRequest(int flags, int outputBufferLength, Smb2FileId fileId, int completionFilter)
        implements Smb2Request {
    /** The StructureSize field. */
    public static final int STRUCTURE_SIZE = 32;
    /** Flags SMB2_WATCH_TREE: watch the whole subtree. */
    public static final int WATCH_TREE = 0x0001;

    /** True when the request asks for the whole subtree. */
    public boolean watchTree() {
        return (flags & WATCH_TREE) != 0;
    }

    static ChangeNotifyRequest decode(WireReader r) throws MalformedMessageException {
        Smb2Request.expectStructureSize(r, STRUCTURE_SIZE);
        int flags = r.u16();
        int length = r.u32();
        Smb2FileId id = Smb2FileId.decode(r);
        int filter = r.u32();
        r.skip(4);
        return new ChangeNotifyRequest(flags, length, id, filter);
    }

    /** Writes the body (used by tests and clients). */
    public void encodeBody(WireWriter w) {
        w.u16(STRUCTURE_SIZE).u16(flags).u32(outputBufferLength);
        fileId.encode(w);
        w.u32(completionFilter).u32(0);
    }
}
