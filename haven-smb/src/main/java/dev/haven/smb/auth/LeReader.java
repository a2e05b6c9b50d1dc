package dev.haven.smb.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Bounds-checked little-endian reads over an NTLM message; every overrun is a MalformedTokenException. */
final class LeReader {
    private final byte[] buf;

    LeReader(byte[] buf) {
        this.buf = buf;
    }

    int length() {
        return buf.length;
    }

    int u16(int at) throws MalformedTokenException {
        need(at, 2);
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8;
    }

    int u32(int at) throws MalformedTokenException {
        need(at, 4);
        return (buf[at] & 0xFF) | (buf[at + 1] & 0xFF) << 8 | (buf[at + 2] & 0xFF) << 16 | (buf[at + 3] & 0xFF) << 24;
    }

    byte[] bytes(int at, int length) throws MalformedTokenException {
        need(at, length);
        return Arrays.copyOfRange(buf, at, at + length);
    }

    /** [MS-NLMP] 2.2.1: a Len/MaxLen/BufferOffset field triple at {@code at}, resolved to its payload. */
    byte[] field(int at) throws MalformedTokenException {
        int len = u16(at);
        long offset = u32(at + 4) & 0xFFFFFFFFL;
        if (len == 0) {
            return new byte[0];
        }
        if (offset > buf.length) {
            throw new MalformedTokenException("field at " + at + " points past the message");
        }
        return bytes((int) offset, len);
    }

    /** A UTF-16LE string field (NTLMSSP_NEGOTIATE_UNICODE is required by this server). */
    String unicodeField(int at) throws MalformedTokenException {
        byte[] raw = field(at);
        if (raw.length % 2 != 0) {
            throw new MalformedTokenException("odd-length UTF-16 string at " + at);
        }
        return new String(raw, StandardCharsets.UTF_16LE);
    }

    private void need(int at, int length) throws MalformedTokenException {
        if (at < 0 || length < 0 || at > buf.length - length) {
            throw new MalformedTokenException("NTLM message too short: need " + length + " bytes at " + at
                    + ", have " + buf.length);
        }
    }
}
