package dev.haven.files.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * [MS-DTYP] 2.4.4 ACE: a header (AceType, AceFlags, AceSize) and a body. The types whose body is
 * a mask and a SID (allowed, denied, audit, alarm, 2.4.4.2-2.4.4.5, 2.4.4.10-11) are
 * {@link Ace.Simple}; any other type is kept as bytes ({@link Ace.Other}) so that a descriptor
 * round-trips unchanged, and takes no part in the access check.
 */
public sealed interface Ace {
    /** ACCESS_ALLOWED_ACE_TYPE. */
    int ACCESS_ALLOWED = 0x00;
    /** ACCESS_DENIED_ACE_TYPE. */
    int ACCESS_DENIED = 0x01;
    /** SYSTEM_AUDIT_ACE_TYPE. */
    int SYSTEM_AUDIT = 0x02;
    /** SYSTEM_ALARM_ACE_TYPE. */
    int SYSTEM_ALARM = 0x03;
    /** SYSTEM_MANDATORY_LABEL_ACE_TYPE (same body layout). */
    int SYSTEM_MANDATORY_LABEL = 0x11;

    /** OBJECT_INHERIT_ACE: files created in this directory inherit the ACE. */
    int OBJECT_INHERIT = 0x01;
    /** CONTAINER_INHERIT_ACE: directories created in this directory inherit the ACE. */
    int CONTAINER_INHERIT = 0x02;
    /** NO_PROPAGATE_INHERIT_ACE: a child inherits it but passes it on no further. */
    int NO_PROPAGATE_INHERIT = 0x04;
    /** INHERIT_ONLY_ACE: only for inheritance, not checked on this object. */
    int INHERIT_ONLY = 0x08;
    /** INHERITED_ACE: this ACE was inherited. */
    int INHERITED = 0x10;

    /** AceType. */
    int type();

    /** AceFlags. */
    int flags();

    /** AceSize: the encoded size in bytes. */
    int size();

    /** Writes the ACE (little-endian buffer). */
    void encode(ByteBuffer out);

    /** An ACE whose body is AccessMask then SID. */
    record Simple(int type, int flags, int mask, Sid sid) implements Ace {
        /** An ACCESS_ALLOWED ACE. */
        public static Simple allow(Sid sid, int mask, int flags) {
            return new Simple(ACCESS_ALLOWED, flags, mask, sid);
        }

        /** An ACCESS_DENIED ACE. */
        public static Simple deny(Sid sid, int mask, int flags) {
            return new Simple(ACCESS_DENIED, flags, mask, sid);
        }

        /** The same ACE with other flags, SID and mask. */
        Simple with(int newFlags, Sid newSid, int newMask) {
            return new Simple(type, newFlags, newMask, newSid);
        }

        @Override
        public int size() {
            return 8 + sid.size();
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) type).put((byte) flags).putShort((short) size()).putInt(mask);
            sid.encode(out);
        }
    }

    /** An ACE of a type this server does not interpret, kept byte for byte. */
    record Other(int type, int flags, byte[] body) implements Ace {
        /** Copies the body. */
        public Other {
            body = body.clone();
        }

        @Override
        public byte[] body() {
            return body.clone();
        }

        @Override
        public int size() {
            return 4 + body.length;
        }

        @Override
        public void encode(ByteBuffer out) {
            out.put((byte) type).put((byte) flags).putShort((short) size()).put(body);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Other x && x.type == type && x.flags == flags && Arrays.equals(x.body, body);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * type + flags) + Arrays.hashCode(body);
        }

        @Override
        public String toString() {
            return "Other[type=" + type + ", flags=" + flags + ", " + body.length + " bytes]";
        }
    }

    /** Reads the ACE at {@code offset}, which must end within {@code limit}. */
    static Ace decode(byte[] bytes, int offset, int limit) {
        if (offset + 4 > limit) {
            throw new MalformedDescriptorException("ACE header at " + offset + " beyond the ACL");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int type = bytes[offset] & 0xFF;
        int flags = bytes[offset + 1] & 0xFF;
        int size = b.getShort(offset + 2) & 0xFFFF;
        if (size < 4 || size % 4 != 0 || offset + size > limit) {
            throw new MalformedDescriptorException("ACE at " + offset + " has size " + size);
        }
        boolean simple = type == ACCESS_ALLOWED || type == ACCESS_DENIED || type == SYSTEM_AUDIT
                || type == SYSTEM_ALARM || type == SYSTEM_MANDATORY_LABEL;
        if (!simple) {
            return new Other(type, flags, Arrays.copyOfRange(bytes, offset + 4, offset + size));
        }
        if (size < 16) {
            throw new MalformedDescriptorException("ACE at " + offset + " too small for a SID");
        }
        Sid sid = Sid.decode(Arrays.copyOf(bytes, offset + size), offset + 8);
        return new Simple(type, flags, b.getInt(offset + 4), sid);
    }
}
