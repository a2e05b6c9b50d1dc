package dev.haven.smb.server;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.haven.smb.wire.Compound;
import dev.haven.smb.wire.MalformedMessageException;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2Header;
import dev.haven.smb.wire.WireReader;
import java.util.Arrays;

/**
 * Fuzz target one level above the decoders: a frame processed by a connection that has
 * negotiated SMB 2.0.2-3.0.2 and has no session yet. Whatever the bytes, processing must not throw
 * and no answer may be STATUS_INTERNAL_ERROR (which marks a server bug, not a client error).
 * Seeds: src/test/resources/dev/haven/smb/server/FrameFuzzTestInputs/frames; see docs/fuzzing.md.
 */
class FrameFuzzTest {
    private static final FrameProcessor PROCESSOR = new FrameProcessor();

    @FuzzTest(maxDuration = "5m")
    void frames(byte[] frame) throws MalformedMessageException {
        Connection c = TestServers.connection();
        try {
            PROCESSOR.process(c, TestServers.negotiate(0, 0x0202, 0x0210, 0x0300, 0x0302));
            if (PROCESSOR.process(c, frame) instanceof Outcome.Send send) {
                byte[] reply = send.payload();
                for (Compound.Slice s : Compound.split(reply)) {
                    byte[] message = Arrays.copyOfRange(reply, s.offset(), s.offset() + s.length());
                    if (Smb2Header.decode(new WireReader(message)).status().equals(NtStatus.INTERNAL_ERROR)) {
                        throw new AssertionError("STATUS_INTERNAL_ERROR for " + java.util.HexFormat.of().formatHex(frame));
                    }
                }
            }
        } finally {
            c.closeAll();
        }
    }
}
