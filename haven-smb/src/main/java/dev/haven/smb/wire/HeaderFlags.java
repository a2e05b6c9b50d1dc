package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.1.2: bits of the SMB2 header Flags field. */
public final class HeaderFlags {
    /** The message is a response. */
    public static final int SERVER_TO_REDIR = 0x00000001;
    /** The header has the async form (AsyncId instead of Reserved+TreeId). */
    public static final int ASYNC_COMMAND = 0x00000002;
    /** The request is a related operation in a compound. */
    public static final int RELATED_OPERATIONS = 0x00000004;
    /** The message is signed. */
    public static final int SIGNED = 0x00000008;
    /** The request priority (3.1.1). */
    public static final int PRIORITY_MASK = 0x00000070;
    /** The request is a DFS operation. */
    public static final int DFS_OPERATIONS = 0x10000000;
    /** The request is a replay (3.x). */
    public static final int REPLAY_OPERATION = 0x20000000;

    private HeaderFlags() {
    }

    /** True when every bit of {@code bit} is set in {@code flags}. */
    public static boolean has(int flags, int bit) {
        return (flags & bit) == bit;
    }
}
