package dev.haven.smb.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 3.2.4.1.4 / 3.3.5.2.7: compounded messages. A frame holds one or more SMB2 messages;
 * each NextCommand is the offset from its own header to the next one, 8-byte aligned, 0 on the
 * last.
 */
public final class Compound {
    /** Offset of the NextCommand field in the header. */
    public static final int NEXT_COMMAND_OFFSET = 20;

    private Compound() {
    }

    /** One message inside a frame. */
    public record Slice(int offset, int length) {
    }

    /**
     * Splits a frame by NextCommand. A NextCommand that is misaligned, shorter than a header or
     * beyond the frame is fatal: the message boundaries can no longer be trusted.
     */
    public static List<Slice> split(byte[] frame) throws MalformedMessageException {
        List<Slice> slices = new ArrayList<>();
        int at = 0;
        while (true) {
            if (frame.length - at < Smb2Header.SIZE) {
                throw MalformedMessageException.fatal("message at " + at + " shorter than the header");
            }
            long next = readU32(frame, at + NEXT_COMMAND_OFFSET);
            if (next == 0) {
                slices.add(new Slice(at, frame.length - at));
                return slices;
            }
            if (next < Smb2Header.SIZE || next % 8 != 0 || next > frame.length - at) {
                throw MalformedMessageException.fatal("NextCommand " + next + " invalid at " + at);
            }
            slices.add(new Slice(at, (int) next));
            at += (int) next;
        }
    }

    /**
     * Prepares a response for a chain: pads it to 8 bytes and writes NextCommand, unless it is
     * the last one (NextCommand 0, no padding). Signing comes after this step, over the padded
     * message ([MS-SMB2] 3.3.4.1.3).
     */
    public static byte[] link(byte[] message, boolean last) {
        if (last) {
            return message;
        }
        int padded = (message.length + 7) & ~7;
        byte[] out = java.util.Arrays.copyOf(message, padded);
        for (int i = 0; i < 4; i++) {
            out[NEXT_COMMAND_OFFSET + i] = (byte) (padded >>> (8 * i));
        }
        return out;
    }

    /** Concatenates linked messages into one frame payload. */
    public static byte[] join(List<byte[]> linked) {
        // A single response (every READ answer) is sent as it is: no copy of its up to 8 MiB.
        if (linked.size() == 1) {
            return linked.get(0);
        }
        int total = 0;
        for (byte[] m : linked) {
            total += m.length;
        }
        byte[] out = new byte[total];
        int at = 0;
        for (byte[] m : linked) {
            System.arraycopy(m, 0, out, at, m.length);
            at += m.length;
        }
        return out;
    }

    private static long readU32(byte[] b, int at) {
        return ((b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (long) (b[at + 3] & 0xFF) << 24);
    }
}
