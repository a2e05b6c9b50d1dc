package dev.haven.files.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-DTYP] 2.4.2 SID: a 48-bit identifier authority and up to 15 sub-authorities; string form
 * {@code S-1-5-32-544} (2.4.2.1). Revision is always 1.
 *
 * @param authority       IdentifierAuthority (48 bits)
 * @param subAuthorities  SubAuthority values, unsigned 32-bit each
 */
public record Sid(long authority, List<Integer> subAuthorities) {
    /** [MS-DTYP] 2.4.2.4 well-known SIDs. */
    public static final Sid EVERYONE = parse("S-1-1-0");
    /** CREATOR OWNER: replaced by the new object's owner when an ACE is inherited. */
    public static final Sid CREATOR_OWNER = parse("S-1-3-0");
    /** CREATOR GROUP: replaced by the new object's group when an ACE is inherited. */
    public static final Sid CREATOR_GROUP = parse("S-1-3-1");
    /** NT AUTHORITY\ANONYMOUS LOGON: the user of a null session. */
    public static final Sid ANONYMOUS = parse("S-1-5-7");
    /** NT AUTHORITY\Authenticated Users. */
    public static final Sid AUTHENTICATED_USERS = parse("S-1-5-11");
    /** NT AUTHORITY\SYSTEM. */
    public static final Sid SYSTEM = parse("S-1-5-18");
    /** BUILTIN\Administrators. */
    public static final Sid ADMINISTRATORS = parse("S-1-5-32-544");
    /** BUILTIN\Users. */
    public static final Sid USERS = parse("S-1-5-32-545");

    private static final int MAX_SUB_AUTHORITIES = 15;

    /** Checks the ranges and copies the list. */
    public Sid {
        if (authority < 0 || authority >= 1L << 48) {
            throw new IllegalArgumentException("SID authority out of range: " + authority);
        }
        subAuthorities = List.copyOf(subAuthorities);
        if (subAuthorities.size() > MAX_SUB_AUTHORITIES) {
            throw new IllegalArgumentException("more than 15 sub-authorities");
        }
    }

    /** The SID {@code this} followed by one more sub-authority (a RID, 2.4.2.4). */
    public Sid withRid(int rid) {
        List<Integer> subs = new ArrayList<>(subAuthorities);
        subs.add(rid);
        return new Sid(authority, subs);
    }

    /** Parses the string form {@code S-1-<authority>-<sub>...}. */
    public static Sid parse(String text) {
        String[] parts = text.split("-", -1);
        if (parts.length < 3 || !parts[0].equalsIgnoreCase("S") || !parts[1].equals("1")) {
            throw new IllegalArgumentException("not a SID: " + text);
        }
        try {
            long authority = parts[2].startsWith("0x") ? Long.parseLong(parts[2].substring(2), 16)
                    : Long.parseLong(parts[2]);
            List<Integer> subs = new ArrayList<>();
            for (int i = 3; i < parts.length; i++) {
                subs.add(Integer.parseUnsignedInt(parts[i]));
            }
            return new Sid(authority, subs);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a SID: " + text, e);
        }
    }

    /** Encoded size in bytes: 8 + 4 per sub-authority. */
    public int size() {
        return 8 + 4 * subAuthorities.size();
    }

    /** Writes the binary form: Revision, SubAuthorityCount, big-endian authority, little-endian sub-authorities. */
    void encode(ByteBuffer out) {
        out.put((byte) 1).put((byte) subAuthorities.size());
        for (int shift = 40; shift >= 0; shift -= 8) {
            out.put((byte) (authority >>> shift));
        }
        ByteOrder order = out.order();
        out.order(ByteOrder.LITTLE_ENDIAN);
        for (int s : subAuthorities) {
            out.putInt(s);
        }
        out.order(order);
    }

    /** The binary form on its own. */
    public byte[] toBytes() {
        ByteBuffer b = ByteBuffer.allocate(size());
        encode(b);
        return b.array();
    }

    /** Reads a SID at {@code offset} of {@code bytes}, refusing one that does not fit. */
    static Sid decode(byte[] bytes, int offset) {
        if (offset < 0 || offset + 8 > bytes.length) {
            throw new MalformedDescriptorException("SID at " + offset + " beyond " + bytes.length + " bytes");
        }
        int revision = bytes[offset] & 0xFF;
        int count = bytes[offset + 1] & 0xFF;
        if (revision != 1 || count > MAX_SUB_AUTHORITIES || offset + 8 + 4 * count > bytes.length) {
            throw new MalformedDescriptorException("bad SID at " + offset);
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | (bytes[offset + i] & 0xFF);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes, offset + 8, 4 * count).order(ByteOrder.LITTLE_ENDIAN);
        List<Integer> subs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            subs.add(b.getInt());
        }
        return new Sid(authority, subs);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("S-1-").append(authority);
        for (int sub : subAuthorities) {
            s.append('-').append(Integer.toUnsignedString(sub));
        }
        return s.toString();
    }
}
