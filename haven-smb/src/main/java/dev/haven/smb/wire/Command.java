package dev.haven.smb.wire;

/** [MS-SMB2] 2.2.1.2: the SMB2 command codes. */
public enum Command {
    NEGOTIATE(0x0000),
    SESSION_SETUP(0x0001),
    LOGOFF(0x0002),
    TREE_CONNECT(0x0003),
    TREE_DISCONNECT(0x0004),
    CREATE(0x0005),
    CLOSE(0x0006),
    FLUSH(0x0007),
    READ(0x0008),
    WRITE(0x0009),
    LOCK(0x000A),
    IOCTL(0x000B),
    CANCEL(0x000C),
    ECHO(0x000D),
    QUERY_DIRECTORY(0x000E),
    CHANGE_NOTIFY(0x000F),
    QUERY_INFO(0x0010),
    SET_INFO(0x0011),
    OPLOCK_BREAK(0x0012);

    private static final Command[] BY_CODE = values();

    private final int code;

    Command(int code) {
        this.code = code;
    }

    /** The Command value on the wire. */
    public int code() {
        return code;
    }

    /** The command with this code; codes above 0x0012 are not SMB2 commands. */
    public static Command fromCode(int code) throws MalformedMessageException {
        if (code < 0 || code >= BY_CODE.length) {
            throw MalformedMessageException.fatal("unknown SMB2 command 0x" + Integer.toHexString(code));
        }
        return BY_CODE[code];
    }
}
