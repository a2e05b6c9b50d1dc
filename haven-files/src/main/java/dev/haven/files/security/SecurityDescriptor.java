package dev.haven.files.security;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * [MS-DTYP] 2.4.6 SECURITY_DESCRIPTOR in self-relative form.
 *
 * <pre>
 * offset size field
 *  0     1    Revision (1)
 *  1     1    Sbz1
 *  2     2    Control (SE_* bits; SE_SELF_RELATIVE always set when encoded)
 *  4     4    OffsetOwner (0: none)
 *  8     4    OffsetGroup (0: none)
 * 12     4    OffsetSacl  (0: none)
 * 16     4    OffsetDacl  (0: none; with SE_DACL_PRESENT a NULL DACL, which grants everything)
 * 20     ...  SACL, DACL, owner SID, group SID (the order Windows writes; any order is read)
 * </pre>
 *
 * @param control Control bits; SE_DACL_PRESENT with a null {@code dacl} is a NULL DACL
 * @param owner   OwnerSid or null
 * @param group   GroupSid or null
 * @param sacl    the SACL or null
 * @param dacl    the DACL or null
 */
public record SecurityDescriptor(int control, Sid owner, Sid group, Acl sacl, Acl dacl) {
    /** SE_OWNER_DEFAULTED. */
    public static final int OWNER_DEFAULTED = 0x0001;
    /** SE_GROUP_DEFAULTED. */
    public static final int GROUP_DEFAULTED = 0x0002;
    /** SE_DACL_PRESENT. */
    public static final int DACL_PRESENT = 0x0004;
    /** SE_DACL_DEFAULTED. */
    public static final int DACL_DEFAULTED = 0x0008;
    /** SE_SACL_PRESENT. */
    public static final int SACL_PRESENT = 0x0010;
    /** SE_SACL_DEFAULTED. */
    public static final int SACL_DEFAULTED = 0x0020;
    /** SE_DACL_AUTO_INHERIT_REQ. */
    public static final int DACL_AUTO_INHERIT_REQ = 0x0100;
    /** SE_SACL_AUTO_INHERIT_REQ. */
    public static final int SACL_AUTO_INHERIT_REQ = 0x0200;
    /** SE_DACL_AUTO_INHERITED. */
    public static final int DACL_AUTO_INHERITED = 0x0400;
    /** SE_SACL_AUTO_INHERITED. */
    public static final int SACL_AUTO_INHERITED = 0x0800;
    /** SE_DACL_PROTECTED: the DACL inherits nothing from the parent. */
    public static final int DACL_PROTECTED = 0x1000;
    /** SE_SACL_PROTECTED. */
    public static final int SACL_PROTECTED = 0x2000;
    /** SE_SELF_RELATIVE. */
    public static final int SELF_RELATIVE = 0x8000;

    /** [MS-DTYP] 2.4.7 SECURITY_INFORMATION: OWNER_SECURITY_INFORMATION. */
    public static final int OWNER_INFO = 0x1;
    /** GROUP_SECURITY_INFORMATION. */
    public static final int GROUP_INFO = 0x2;
    /** DACL_SECURITY_INFORMATION. */
    public static final int DACL_INFO = 0x4;
    /** SACL_SECURITY_INFORMATION. */
    public static final int SACL_INFO = 0x8;

    private static final int HEADER = 20;
    private static final int DACL_BITS = DACL_PRESENT | DACL_DEFAULTED | DACL_AUTO_INHERIT_REQ | DACL_AUTO_INHERITED
            | DACL_PROTECTED;
    private static final int SACL_BITS = SACL_PRESENT | SACL_DEFAULTED | SACL_AUTO_INHERIT_REQ | SACL_AUTO_INHERITED
            | SACL_PROTECTED;

    /** Keeps the present bits consistent with the ACLs given. */
    public SecurityDescriptor {
        control = control & 0xFFFF | SELF_RELATIVE;
        if (dacl != null) {
            control |= DACL_PRESENT;
        }
        if (sacl != null) {
            control |= SACL_PRESENT;
        }
    }

    /** True for a NULL DACL or no DACL at all: the access check grants everything ([MS-DTYP] 2.5.3.2). */
    public boolean grantsEverything() {
        return dacl == null;
    }

    /** The encoded size. */
    public int size() {
        return HEADER + (sacl == null ? 0 : sacl.size()) + (dacl == null ? 0 : dacl.size())
                + (owner == null ? 0 : owner.size()) + (group == null ? 0 : group.size());
    }

    /** The self-relative bytes. */
    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(size()).order(ByteOrder.LITTLE_ENDIAN);
        int at = HEADER;
        int saclAt = sacl == null ? 0 : at;
        at += sacl == null ? 0 : sacl.size();
        int daclAt = dacl == null ? 0 : at;
        at += dacl == null ? 0 : dacl.size();
        int ownerAt = owner == null ? 0 : at;
        at += owner == null ? 0 : owner.size();
        int groupAt = group == null ? 0 : at;
        out.put((byte) 1).put((byte) 0).putShort((short) control)
                .putInt(ownerAt).putInt(groupAt).putInt(saclAt).putInt(daclAt);
        if (sacl != null) {
            sacl.encode(out);
        }
        if (dacl != null) {
            dacl.encode(out);
        }
        if (owner != null) {
            owner.encode(out);
        }
        if (group != null) {
            group.encode(out);
        }
        return out.array();
    }

    /** Reads self-relative bytes; throws {@link MalformedDescriptorException} on any inconsistency. */
    public static SecurityDescriptor decode(byte[] bytes) {
        if (bytes.length < HEADER) {
            throw new MalformedDescriptorException("security descriptor of " + bytes.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes[0] != 1) {
            throw new MalformedDescriptorException("security descriptor revision " + bytes[0]);
        }
        int control = b.getShort(2) & 0xFFFF;
        if ((control & SELF_RELATIVE) == 0) {
            throw new MalformedDescriptorException("not self-relative");
        }
        int ownerAt = b.getInt(4);
        int groupAt = b.getInt(8);
        int saclAt = b.getInt(12);
        int daclAt = b.getInt(16);
        Sid owner = ownerAt == 0 ? null : Sid.decode(bytes, ownerAt);
        Sid group = groupAt == 0 ? null : Sid.decode(bytes, groupAt);
        // An offset without the PRESENT bit is ignored ([MS-DTYP] 2.4.6: the ACL is absent).
        Acl sacl = saclAt == 0 || (control & SACL_PRESENT) == 0 ? null : Acl.decode(bytes, saclAt);
        Acl dacl = daclAt == 0 || (control & DACL_PRESENT) == 0 ? null : Acl.decode(bytes, daclAt);
        return new SecurityDescriptor(control, owner, group, sacl, dacl);
    }

    /**
     * This descriptor with the generic rights of its effective DACL ACEs mapped to file rights
     * ([MS-DTYP] 2.4.3, as Windows stores a DACL it is given); inherit-only ACEs keep theirs.
     */
    public SecurityDescriptor withGenericRightsMapped() {
        if (dacl == null) {
            return this;
        }
        java.util.List<Ace> mapped = new java.util.ArrayList<>();
        for (Ace a : dacl.aces()) {
            mapped.add(a instanceof Ace.Simple s && (s.flags() & Ace.INHERIT_ONLY) == 0
                    ? s.with(s.flags(), s.sid(), dev.haven.files.AccessMask.of(s.mask()).mapGeneric().bits()) : a);
        }
        return new SecurityDescriptor(control, owner, group, sacl, new Acl(dacl.revision(), mapped));
    }

    /** Only the parts {@code securityInformation} names, as QUERY_INFO returns them ([MS-SMB2] 3.3.5.20.3). */
    public SecurityDescriptor select(int securityInformation) {
        boolean withDacl = (securityInformation & DACL_INFO) != 0;
        boolean withSacl = (securityInformation & SACL_INFO) != 0;
        int c = control & ~(withDacl ? 0 : DACL_BITS) & ~(withSacl ? 0 : SACL_BITS);
        return new SecurityDescriptor(c,
                (securityInformation & OWNER_INFO) != 0 ? owner : null,
                (securityInformation & GROUP_INFO) != 0 ? group : null,
                withSacl ? sacl : null, withDacl ? dacl : null);
    }

    /**
     * This descriptor with the parts {@code securityInformation} names taken from {@code update}
     * (SET_INFO, [MS-FSA] 2.1.5.16). A DACL part without SE_DACL_PRESENT sets a NULL DACL, as
     * Windows does; an owner or group part without a SID leaves the current one.
     */
    public SecurityDescriptor merge(SecurityDescriptor update, int securityInformation) {
        Sid o = (securityInformation & OWNER_INFO) != 0 && update.owner != null ? update.owner : owner;
        Sid g = (securityInformation & GROUP_INFO) != 0 && update.group != null ? update.group : group;
        int c = control;
        Acl d = dacl;
        Acl s = sacl;
        if ((securityInformation & DACL_INFO) != 0) {
            d = update.dacl;
            // As Windows stores a set DACL: AUTO_INHERIT_REQ is a request, never kept; AUTO_INHERITED
            // is kept only when asked for with it; PROTECTED and DEFAULTED are kept as given.
            int kept = update.control & (DACL_PROTECTED | DACL_DEFAULTED);
            int auto = DACL_AUTO_INHERITED | DACL_AUTO_INHERIT_REQ;
            if ((update.control & auto) == auto) {
                kept |= DACL_AUTO_INHERITED;
            }
            c = c & ~DACL_BITS | kept | DACL_PRESENT;
        }
        if ((securityInformation & SACL_INFO) != 0) {
            s = update.sacl;
            c = c & ~SACL_BITS | update.control & SACL_BITS;
        }
        return new SecurityDescriptor(c, o, g, s, d);
    }
}
