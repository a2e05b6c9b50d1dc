package dev.haven.smb.auth;

import java.util.Arrays;

/**
 * A small strict DER reader (X.690 10.1) for the SPNEGO tokens: single-byte tags only, definite
 * minimal lengths of at most 3 length octets, every length checked against its enclosing element.
 * Every violation is a {@link MalformedTokenException}; nothing else is thrown.
 */
final class DerReader {
    static final int SEQUENCE = 0x30;
    static final int OCTET_STRING = 0x04;
    static final int OID = 0x06;
    static final int ENUMERATED = 0x0A;
    static final int BIT_STRING = 0x03;
    static final int GENERAL_STRING = 0x1B;
    static final int APPLICATION_0 = 0x60;

    private final byte[] buf;
    private final int end;
    private int pos;

    /** One element of the buffer: its tag, where its encoding starts, and its content range. */
    record Element(int tag, int start, int contentStart, int contentEnd, byte[] buf) {
        byte[] content() {
            return Arrays.copyOfRange(buf, contentStart, contentEnd);
        }

        /** The whole TLV encoding, as it was received. */
        byte[] encoding() {
            return Arrays.copyOfRange(buf, start, contentEnd);
        }

        DerReader reader() {
            return new DerReader(buf, contentStart, contentEnd);
        }
    }

    DerReader(byte[] buf) {
        this(buf, 0, buf.length);
    }

    private DerReader(byte[] buf, int start, int end) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** The tag of the next element, or -1 at the end. */
    int peekTag() {
        return pos < end ? buf[pos] & 0xFF : -1;
    }

    /** Reads the next element, which must have this tag. */
    Element read(int tag) throws MalformedTokenException {
        Element e = next();
        if (e.tag() != tag) {
            throw new MalformedTokenException(String.format("expected DER tag 0x%02x, got 0x%02x", tag, e.tag()));
        }
        return e;
    }

    /** Reads the next element if it has this tag, else null. */
    Element optional(int tag) throws MalformedTokenException {
        return peekTag() == tag ? next() : null;
    }

    /** Fails unless every byte of this reader's range was read. */
    void expectEnd() throws MalformedTokenException {
        if (pos != end) {
            throw new MalformedTokenException((end - pos) + " unexpected trailing bytes in DER element");
        }
    }

    private Element next() throws MalformedTokenException {
        int start = pos;
        if (end - pos < 2) {
            throw new MalformedTokenException("truncated DER element");
        }
        int tag = buf[pos++] & 0xFF;
        if ((tag & 0x1F) == 0x1F) {
            throw new MalformedTokenException("multi-byte DER tags are not used by SPNEGO");
        }
        int length = readLength();
        if (length > end - pos) {
            throw new MalformedTokenException("DER length " + length + " exceeds the " + (end - pos) + " bytes left");
        }
        int contentStart = pos;
        pos += length;
        return new Element(tag, start, contentStart, pos, buf);
    }

    private int readLength() throws MalformedTokenException {
        int first = buf[pos++] & 0xFF;
        if (first < 0x80) {
            return first;
        }
        int octets = first & 0x7F;
        if (octets == 0) {
            throw new MalformedTokenException("indefinite DER length");
        }
        if (octets > 3 || octets > end - pos) {
            throw new MalformedTokenException("DER length of " + octets + " octets");
        }
        int length = 0;
        for (int i = 0; i < octets; i++) {
            length = length << 8 | (buf[pos++] & 0xFF);
        }
        if (length < 0x80 || length >>> (8 * (octets - 1)) == 0) {
            throw new MalformedTokenException("non-minimal DER length");
        }
        return length;
    }
}
