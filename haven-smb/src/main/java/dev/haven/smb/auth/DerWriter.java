package dev.haven.smb.auth;

import java.io.ByteArrayOutputStream;

/** Builds DER elements (X.690 10.1) for the tokens the server sends: definite, minimal lengths. */
final class DerWriter {
    private DerWriter() {
    }

    /** One element: tag, length, then the concatenated contents. */
    static byte[] tlv(int tag, byte[]... contents) {
        int length = 0;
        for (byte[] c : contents) {
            length += c.length;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(length + 6);
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >>> 16);
            out.write(length >>> 8);
            out.write(length);
        }
        for (byte[] c : contents) {
            out.writeBytes(c);
        }
        return out.toByteArray();
    }

    /** A context-specific constructed tag [n]. */
    static int context(int n) {
        return 0xA0 | n;
    }
}
