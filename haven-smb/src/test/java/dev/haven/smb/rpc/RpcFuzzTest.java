package dev.haven.smb.rpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.haven.smb.wire.MalformedMessageException;
import java.util.Arrays;

/**
 * Fuzz target for the DCE/RPC side: {@link RpcPdu#decode} (only MalformedMessageException may
 * escape), a bound srvsvc pipe fed the bytes (nothing may escape: every failure is a fault PDU),
 * and srvsvc's NDR decoding of the bytes as a stub for each operation (only RpcFaultException).
 * Seeds (PDUs captured from smbclient and rpcclient) live in
 * src/test/resources/dev/haven/smb/rpc/RpcFuzzTestInputs/pdus; see docs/fuzzing.md.
 */
class RpcFuzzTest {
    private static final byte[] BIND = Captures.bytes(Captures.BIND);

    @FuzzTest(maxDuration = "5m")
    void pdus(byte[] data) {
        try {
            RpcPdu.decode(data);
        } catch (MalformedMessageException expected) {
            // the only failure a decoder may raise
        }
        RpcPipe pipe = Captures.srvsvc();
        pipe.write(BIND);
        pipe.write(Arrays.copyOf(data, Math.min(data.length, RpcPipe.MAX_WRITE)));
        while (pipe.hasOutput()) {
            pipe.read(4096);
        }
        Srvsvc srvsvc = new Srvsvc(Captures.SERVER);
        for (int opnum : new int[] {Srvsvc.NETR_SHARE_ENUM, Srvsvc.NETR_SHARE_GET_INFO, Srvsvc.NETR_SERVER_GET_INFO}) {
            try {
                srvsvc.call(opnum, data);
            } catch (RpcFaultException expected) {
                // a malformed stub is a fault
            }
        }
    }
}
