package dev.haven.smb.rpc;

import java.util.HexFormat;
import java.util.List;

/**
 * PDUs captured from Samba 4.17's smbclient -L and rpcclient srvinfo against Haven (the answers
 * are Haven's, which those clients accepted and printed correctly).
 */
final class Captures {
    /** smbclient's bind: call 1, frags 4280/4280, context 0 = srvsvc 3.0 over NDR20. */
    static final String BIND = "05000b03100000004800000001000000b810b810000000000100000000000100"
            + "c84f324b7016d30112785a47bf6ee18803000000045d888aeb1cc9119fe808002b10486002000000";
    static final String BIND_ACK = "05000c03100000004400000001000000b810b810f15300000d005c504950455c"
            + "73727673766300000100000000000000045d888aeb1cc9119fe808002b10486002000000";
    /** NetrShareEnum (opnum 15), ServerName "127.0.0.1", level 1, no entries, resume handle 0. */
    static final String SHARE_ENUM = "05000003100000005c000000020000004400000000000f00000002000a000000"
            + "000000000a0000003100320037002e0030002e0030002e00310000000100000001000000040002000000000000000000"
            + "ffffffff0800020000000000";
    /** Level 1: data (disk, no remark) and IPC$ (IPC, "IPC Service (Haven)"); total 2; resume 2. */
    static final String SHARE_ENUM_RESPONSE = "0500020310000000cc00000002000000b40000000000000001000000010000"
            + "000000020002000000040002000200000008000200000000000c00020010000200030000801400020005000000000000"
            + "000500000064006100740061000000000001000000000000000100000000000000050000000000000005000000490050"
            + "004300240000000000140000000000000014000000490050004300200053006500720076006900630065002000280048"
            + "006100760065006e002900000002000000180002000200000000000000";
    /** NetrServerGetInfo (opnum 21), ServerName "\\127.0.0.1", level 101. */
    static final String SERVER_GET_INFO = "050000031000000044000000020000002c00000000001500000002000c0000"
            + "00000000000c0000005c005c003100320037002e0030002e0030002e003100000065000000";
    static final String SERVER_GET_INFO_RESPONSE = "05000203100000006c0000000200000054000000000000006500000000"
            + "000200f4010000040002000a00000000000000038000000800020006000000000000000600000048004100560045004e"
            + "00000006000000000000000600000048006100760065006e00000000000000";

    static final ServerDescription SERVER = new ServerDescription("HAVEN", "Haven", List.of(
            ShareEntry.disk("data", ""), new ShareEntry("IPC$", ShareEntry.IPC_SPECIAL, "IPC Service (Haven)", "")));

    private Captures() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** A srvsvc pipe on {@link #SERVER}. */
    static RpcPipe srvsvc() {
        return RpcPipe.open("srvsvc", SERVER).orElseThrow();
    }

    /** Writes {@code hex} and returns the one whole answer it produced. */
    static byte[] exchange(RpcPipe pipe, String hex) {
        if (!pipe.write(bytes(hex))) {
            throw new AssertionError("write refused");
        }
        RpcPipe.PipeRead r = pipe.read(1 << 16);
        if (r.more()) {
            throw new AssertionError("answer longer than one read");
        }
        return r.data();
    }
}
