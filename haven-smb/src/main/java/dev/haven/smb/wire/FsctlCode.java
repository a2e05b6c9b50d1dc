package dev.haven.smb.wire;

import java.util.Map;

/**
 * [MS-FSCC] 2.3 and [MS-SMB2] 2.2.31: an FSCTL control code. An open set: codes Haven has no
 * name for are kept as they are and printed in hex.
 */
public record FsctlCode(int code) {
    /** [MS-FSCC] 2.3.9 FSCTL_GET_COMPRESSION. */
    public static final FsctlCode GET_COMPRESSION = new FsctlCode(0x0009003C);
    /** [MS-SMB2] 2.2.31 FSCTL_LMR_REQUEST_RESILIENCY. */
    public static final FsctlCode LMR_REQUEST_RESILIENCY = new FsctlCode(0x001401D4);
    /** [MS-FSCC] 2.3.67 FSCTL_SET_COMPRESSION. */
    public static final FsctlCode SET_COMPRESSION = new FsctlCode(0x0009C040);
    /** [MS-FSCC] 2.3.3 FSCTL_CREATE_OR_GET_OBJECT_ID. */
    public static final FsctlCode CREATE_OR_GET_OBJECT_ID = new FsctlCode(0x000900C0);
    /** [MS-FSCC] 2.3.71 FSCTL_SET_SPARSE. */
    public static final FsctlCode SET_SPARSE = new FsctlCode(0x000900C4);
    /** [MS-FSCC] 2.3.73 FSCTL_SET_ZERO_DATA. */
    public static final FsctlCode SET_ZERO_DATA = new FsctlCode(0x000980C8);
    /** [MS-FSCC] 2.3.51 FSCTL_QUERY_ALLOCATED_RANGES. */
    public static final FsctlCode QUERY_ALLOCATED_RANGES = new FsctlCode(0x000940CF);
    /** [MS-FSCC] 2.3.12 FSCTL_FILE_LEVEL_TRIM. */
    public static final FsctlCode FILE_LEVEL_TRIM = new FsctlCode(0x00098208);
    /** [MS-FSCC] 2.3.8 FSCTL_DUPLICATE_EXTENTS_TO_FILE. */
    public static final FsctlCode DUPLICATE_EXTENTS_TO_FILE = new FsctlCode(0x00098344);
    /** [MS-SMB2] 2.2.31 FSCTL_SRV_ENUMERATE_SNAPSHOTS. */
    public static final FsctlCode SRV_ENUMERATE_SNAPSHOTS = new FsctlCode(0x00144064);
    /** [MS-SMB2] 2.2.31 FSCTL_SRV_REQUEST_RESUME_KEY. */
    public static final FsctlCode SRV_REQUEST_RESUME_KEY = new FsctlCode(0x00140078);
    /** [MS-SMB2] 2.2.31 FSCTL_SRV_COPYCHUNK. */
    public static final FsctlCode SRV_COPYCHUNK = new FsctlCode(0x001440F2);
    /** [MS-SMB2] 2.2.31 FSCTL_SRV_COPYCHUNK_WRITE. */
    public static final FsctlCode SRV_COPYCHUNK_WRITE = new FsctlCode(0x001480F2);
    /** [MS-SMB2] 2.2.31 FSCTL_QUERY_NETWORK_INTERFACE_INFO. */
    public static final FsctlCode QUERY_NETWORK_INTERFACE_INFO = new FsctlCode(0x001401FC);
    /** [MS-SMB2] 2.2.31 FSCTL_VALIDATE_NEGOTIATE_INFO. */
    public static final FsctlCode VALIDATE_NEGOTIATE_INFO = new FsctlCode(IoctlRequest.FSCTL_VALIDATE_NEGOTIATE_INFO);

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(GET_COMPRESSION.code, "FSCTL_GET_COMPRESSION"),
            Map.entry(SET_COMPRESSION.code, "FSCTL_SET_COMPRESSION"),
            Map.entry(CREATE_OR_GET_OBJECT_ID.code, "FSCTL_CREATE_OR_GET_OBJECT_ID"),
            Map.entry(SET_SPARSE.code, "FSCTL_SET_SPARSE"),
            Map.entry(SET_ZERO_DATA.code, "FSCTL_SET_ZERO_DATA"),
            Map.entry(QUERY_ALLOCATED_RANGES.code, "FSCTL_QUERY_ALLOCATED_RANGES"),
            Map.entry(FILE_LEVEL_TRIM.code, "FSCTL_FILE_LEVEL_TRIM"),
            Map.entry(DUPLICATE_EXTENTS_TO_FILE.code, "FSCTL_DUPLICATE_EXTENTS_TO_FILE"),
            Map.entry(SRV_ENUMERATE_SNAPSHOTS.code, "FSCTL_SRV_ENUMERATE_SNAPSHOTS"),
            Map.entry(SRV_REQUEST_RESUME_KEY.code, "FSCTL_SRV_REQUEST_RESUME_KEY"),
            Map.entry(SRV_COPYCHUNK.code, "FSCTL_SRV_COPYCHUNK"),
            Map.entry(SRV_COPYCHUNK_WRITE.code, "FSCTL_SRV_COPYCHUNK_WRITE"),
            Map.entry(QUERY_NETWORK_INTERFACE_INFO.code, "FSCTL_QUERY_NETWORK_INTERFACE_INFO"),
            Map.entry(VALIDATE_NEGOTIATE_INFO.code, "FSCTL_VALIDATE_NEGOTIATE_INFO"));

    /** The spec name, or the hex code. */
    public String name() {
        String n = NAMES.get(code);
        return n != null ? n : String.format("FSCTL 0x%08X", code);
    }

    @Override
    public String toString() {
        return name();
    }
}
