package dev.haven.smb.server;

import dev.haven.smb.wire.WireWriter;

/**
 * [MS-DTYP] 2.4.6: the self-relative security descriptor QUERY_INFO returns until real ACLs
 * exist: owner BUILTIN\Administrators, group BUILTIN\Users, a DACL with one ACE granting
 * Everyone FILE_ALL_ACCESS. Only the parts AdditionalInformation asks for are included.
 */
final class SecurityDescriptors {
    static final int OWNER = 0x1;
    static final int GROUP = 0x2;
    static final int DACL = 0x4;
    private static final int SE_DACL_PRESENT = 0x0004;
    private static final int SE_SELF_RELATIVE = 0x8000;
    private static final int HEADER = 20;
    private static final int ACCESS_ALLOWED_ACE_TYPE = 0;
    private static final int FILE_ALL_ACCESS = 0x001F01FF;

    private SecurityDescriptors() {
    }

    static byte[] encode(int additionalInformation) {
        byte[] owner = sid(5, 32, 544);
        byte[] group = sid(5, 32, 545);
        byte[] everyone = sid(1, 0);
        boolean withOwner = (additionalInformation & OWNER) != 0;
        boolean withGroup = (additionalInformation & GROUP) != 0;
        boolean withDacl = (additionalInformation & DACL) != 0;
        int at = HEADER;
        int ownerAt = withOwner ? at : 0;
        at += withOwner ? owner.length : 0;
        int groupAt = withGroup ? at : 0;
        at += withGroup ? group.length : 0;
        int daclAt = withDacl ? at : 0;
        WireWriter w = new WireWriter();
        w.u8(1).u8(0).u16(SE_SELF_RELATIVE | (withDacl ? SE_DACL_PRESENT : 0)).u32(ownerAt).u32(groupAt).u32(0)
                .u32(daclAt);
        if (withOwner) {
            w.bytes(owner);
        }
        if (withGroup) {
            w.bytes(group);
        }
        if (withDacl) {
            int aceSize = 8 + everyone.length;
            // [MS-DTYP] 2.4.5 ACL: AclRevision 2, Sbz1, AclSize, AceCount, Sbz2; 2.4.4.2 ACCESS_ALLOWED_ACE.
            w.u8(2).u8(0).u16(8 + aceSize).u16(1).u16(0);
            w.u8(ACCESS_ALLOWED_ACE_TYPE).u8(0).u16(aceSize).u32(FILE_ALL_ACCESS).bytes(everyone);
        }
        return w.toByteArray();
    }

    /** [MS-DTYP] 2.4.22: Revision 1, SubAuthorityCount, a 48-bit big-endian authority, sub-authorities. */
    static byte[] sid(int authority, int... subAuthorities) {
        WireWriter w = new WireWriter();
        w.u8(1).u8(subAuthorities.length).u8(0).u8(0).u8(0).u8(0).u8(0).u8(authority);
        for (int s : subAuthorities) {
            w.u32(s);
        }
        return w.toByteArray();
    }
}
