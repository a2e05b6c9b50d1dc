package dev.haven.smb.rpc;

/**
 * One share as [MS-SRVS] 2.2.4.22-24 (SHARE_INFO_0/1/2) describes it.
 *
 * @param type [MS-SRVS] 2.2.2.4 share type (STYPE_DISKTREE, STYPE_IPC | STYPE_SPECIAL, ...)
 * @param path the local path shown by level 2, or empty
 */
public record ShareEntry(String name, int type, String remark, String path) {
    /** STYPE_DISKTREE. */
    public static final int DISK = 0;
    /** STYPE_IPC | STYPE_SPECIAL: IPC$. */
    public static final int IPC_SPECIAL = 0x80000003;

    /** A disk share. */
    public static ShareEntry disk(String name, String remark) {
        return new ShareEntry(name, DISK, remark, "");
    }
}
