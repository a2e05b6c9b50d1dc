package dev.haven.smb.wire;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * Fuzz target for the frame and message decoders: {@link Compound#split}, {@link Smb2Header#decode},
 * {@link Smb2Request#decode} and the SMB1 negotiate probe. Any exception but
 * {@link MalformedMessageException} is a finding. Seeds (frames captured from smbclient) live in
 * src/test/resources/dev/haven/smb/wire/WireFuzzTestInputs/frames; see docs/fuzzing.md.
 */
class WireFuzzTest {
    @FuzzTest(maxDuration = "5m")
    void frames(byte[] frame) {
        try {
            Smb1Negotiate.decode(frame);
        } catch (MalformedMessageException expected) {
            // the only failure a decoder may raise
        }
        try {
            for (Compound.Slice s : Compound.split(frame)) {
                byte[] message = Arrays.copyOfRange(frame, s.offset(), s.offset() + s.length());
                Smb2Header header = Smb2Header.decode(new WireReader(message));
                Smb2Request.decode(header, new WireReader(message));
            }
        } catch (MalformedMessageException expected) {
            // the only failure a decoder may raise
        }
    }
}
