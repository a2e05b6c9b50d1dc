package dev.haven.smb.wire;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-SMB2] 3.3.5.3 / [MS-CIFS] 2.2.4.52.1: an SMB1 SMB_COM_NEGOTIATE, read only for the dialect
 * strings, so a client that starts with SMB1 can be moved to SMB2 (3.3.5.3.1).
 *
 * <pre>
 *  0 0xFF 'S' 'M' 'B'  4 Command (0x72)  ... 32-byte header
 * 32 WordCount (1) = 0   33 ByteCount (2)   35 Dialects: { 0x02, ASCII name, 0x00 }*
 * </pre>
 */
public record Smb1Negotiate(List<String> dialects) {
    /** SMB_COM_NEGOTIATE. */
    public static final int COMMAND = 0x72;
    /** The dialect string that offers SMB 2.0.2 only. */
    public static final String SMB_2_002 = "SMB 2.002";
    /** The dialect string that offers SMB 2.1 and later ("wildcard"). */
    public static final String SMB_2_WILDCARD = "SMB 2.???";

    /** Copies the list. */
    public Smb1Negotiate {
        dialects = List.copyOf(dialects);
    }

    /** Decodes an SMB1 message; anything but a well-formed negotiate is fatal. */
    public static Smb1Negotiate decode(byte[] message) throws MalformedMessageException {
        if (message.length < 35 || (message[4] & 0xFF) != COMMAND) {
            throw MalformedMessageException.fatal("SMB1 message that is not SMB_COM_NEGOTIATE");
        }
        if (message[32] != 0) {
            throw MalformedMessageException.fatal("SMB1 negotiate WordCount is not 0");
        }
        int byteCount = (message[33] & 0xFF) | (message[34] & 0xFF) << 8;
        if (35 + byteCount > message.length) {
            throw MalformedMessageException.fatal("SMB1 negotiate ByteCount beyond message");
        }
        List<String> dialects = new ArrayList<>();
        int at = 35;
        int end = 35 + byteCount;
        while (at < end) {
            if (message[at] != 0x02) {
                throw MalformedMessageException.fatal("SMB1 dialect without BufferFormat 0x02");
            }
            int nul = at + 1;
            while (nul < end && message[nul] != 0) {
                nul++;
            }
            if (nul == end) {
                throw MalformedMessageException.fatal("unterminated SMB1 dialect string");
            }
            dialects.add(new String(message, at + 1, nul - at - 1, StandardCharsets.US_ASCII));
            at = nul + 1;
        }
        return new Smb1Negotiate(dialects);
    }

    /** Encodes a negotiate offering these dialects (used by tests). */
    public byte[] encode() {
        WireWriter body = new WireWriter();
        for (String d : dialects) {
            body.u8(0x02).bytes(d.getBytes(StandardCharsets.US_ASCII)).u8(0);
        }
        byte[] b = body.toByteArray();
        WireWriter w = new WireWriter().u32(Smb2Header.SMB1_PROTOCOL_ID).u8(COMMAND);
        while (w.position() < 32) {
            w.u8(0);
        }
        return w.u8(0).u16(b.length).bytes(b).toByteArray();
    }
}
