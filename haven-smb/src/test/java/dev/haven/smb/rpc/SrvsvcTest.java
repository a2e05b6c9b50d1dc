package dev.haven.smb.rpc;

import static dev.haven.smb.rpc.Captures.bytes;
import static dev.haven.smb.rpc.Captures.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** [MS-SRVS] operations on golden NDR20 stubs. */
class SrvsvcTest {
    private final Srvsvc srvsvc = new Srvsvc(Captures.SERVER);

    /** NetrShareEnum stub: null ServerName, level {@code level}, empty container, no resume handle. */
    private static byte[] enumStub(int level) {
        return new NdrWriter().pointer(false).u32(level).u32(level).pointer(true).u32(0).pointer(false).u32(-1)
                .pointer(false).toByteArray();
    }

    @Test
    void answersNetrServerGetInfo101AsCaptured() throws Exception {
        RequestPdu req = (RequestPdu) RpcPdu.decode(bytes(Captures.SERVER_GET_INFO));
        ResponsePdu golden = (ResponsePdu) RpcPdu.decode(bytes(Captures.SERVER_GET_INFO_RESPONSE));
        assertEquals(hex(golden.stub()), hex(srvsvc.call(req.opnum(), req.stub())));
    }

    /**
     * Level 0: level, switch, container pointer, EntriesRead 2, array pointer, max_count 2, two
     * netname pointers, then the strings; TotalEntries 2, null ResumeHandle, NERR_Success.
     */
    @Test
    void enumeratesLevel0() throws Exception {
        String expected = "00000000" + "00000000" + "00000200" + "02000000" + "04000200" + "02000000"
                + "08000200" + "0c000200"
                + "05000000" + "00000000" + "05000000" + "6400610074006100" + "0000" + "0000"
                + "05000000" + "00000000" + "05000000" + "4900500043002400" + "0000" + "0000"
                + "02000000" + "00000000" + "00000000";
        assertEquals(expected, hex(srvsvc.call(Srvsvc.NETR_SHARE_ENUM, enumStub(0))));
    }

    @Test
    void enumeratesLevel2WithPathAndNullPassword() throws Exception {
        byte[] out = srvsvc.call(Srvsvc.NETR_SHARE_ENUM, enumStub(2));
        // First SHARE_INFO_2: netname ptr, type 0, remark ptr, permissions 0, max_uses -1, current 0, path ptr, null passwd.
        assertEquals("08000200" + "00000000" + "0c000200" + "00000000" + "ffffffff" + "00000000" + "10000200" + "00000000",
                hex(Arrays.copyOfRange(out, 24, 56)));
        assertEquals("00000000", hex(Arrays.copyOfRange(out, out.length - 4, out.length)));
    }

    /** [MS-SRVS] 3.1.4.8: ResumeHandle counts entries already returned; past the end nothing is left. */
    @Test
    void resumesAfterTheEntriesAlreadyReturned() throws Exception {
        for (int resume : new int[] {1, -1}) {
            byte[] stub = new NdrWriter().pointer(false).u32(0).u32(0).pointer(true).u32(0).pointer(false).u32(-1)
                    .pointer(true).u32(resume).toByteArray();
            byte[] out = srvsvc.call(Srvsvc.NETR_SHARE_ENUM, stub);
            int entries = resume == 1 ? 1 : 0;
            assertEquals(String.format("%02x000000", entries), hex(Arrays.copyOfRange(out, 12, 16)), "resume " + resume);
            // TotalEntries 2, then the resume handle (pointer, value 2), NERR_Success.
            assertEquals("02000000" + hex(Arrays.copyOfRange(out, out.length - 12, out.length - 8)) + "02000000" + "00000000",
                    hex(Arrays.copyOfRange(out, out.length - 16, out.length)));
        }
    }

    @Test
    void anUnknownLevelIsErrorInvalidLevelWithANullContainer() throws Exception {
        assertEquals("f5010000" + "f5010000" + "00000000" + "02000000" + "00000000" + "7c000000",
                hex(srvsvc.call(Srvsvc.NETR_SHARE_ENUM, enumStub(501))));
        byte[] info = new NdrWriter().pointer(false).u32(102).toByteArray();
        assertEquals("66000000" + "00000000" + "7c000000", hex(srvsvc.call(Srvsvc.NETR_SERVER_GET_INFO, info)));
    }

    @Test
    void getsOneShareByNameOrSaysItIsNotThere() throws Exception {
        byte[] found = srvsvc.call(Srvsvc.NETR_SHARE_GET_INFO,
                new NdrWriter().pointer(false).string("DATA").u32(1).toByteArray());
        assertEquals("01000000" + "00000200" + "04000200" + "00000000" + "08000200",
                hex(Arrays.copyOf(found, 20)));
        byte[] missing = srvsvc.call(Srvsvc.NETR_SHARE_GET_INFO,
                new NdrWriter().pointer(false).string("nope").u32(1).toByteArray());
        assertEquals("01000000" + "00000000" + "06090000", hex(missing));
    }

    @Test
    void malformedStubsFaultWithBadStubData() {
        byte[] good = enumStub(1);
        for (int n = 0; n < good.length; n++) {
            byte[] cut = Arrays.copyOf(good, n);
            RpcFaultException e = assertThrows(RpcFaultException.class, () -> srvsvc.call(Srvsvc.NETR_SHARE_ENUM, cut));
            assertEquals(FaultPdu.BAD_STUB_DATA, e.status());
        }
        byte[] mismatched = new NdrWriter().pointer(false).u32(1).u32(2).pointer(false).u32(-1).pointer(false)
                .toByteArray();
        assertThrows(RpcFaultException.class, () -> srvsvc.call(Srvsvc.NETR_SHARE_ENUM, mismatched));
        byte[] hugeString = new NdrWriter().pointer(true).u32(-1).u32(0).u32(-1).toByteArray();
        assertThrows(RpcFaultException.class, () -> srvsvc.call(Srvsvc.NETR_SHARE_ENUM, hugeString));
        assertThrows(RpcFaultException.class, () -> srvsvc.call(0, new byte[0]));
    }
}
