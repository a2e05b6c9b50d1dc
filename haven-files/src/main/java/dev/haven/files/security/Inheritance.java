package dev.haven.files.security;

import dev.haven.files.AccessMask;
import java.util.ArrayList;
import java.util.List;

/**
 * [MS-DTYP] 2.5.3.4 the descriptor of a new file or directory, simplified as NTFS applies it:
 * owner and group from the creator unless given, the DACL given or else inherited from the
 * parent's inheritable ACEs (2.5.3.4.2 ComputeACL). CREATOR OWNER / CREATOR GROUP and generic
 * rights are resolved in the effective ACE; a directory also keeps the original as an
 * inherit-only ACE so that its own children inherit it unchanged.
 */
public final class Inheritance {
    private static final int INHERIT_FLAGS = Ace.OBJECT_INHERIT | Ace.CONTAINER_INHERIT;

    private Inheritance() {
    }

    /**
     * The descriptor of a new object under {@code parent}, created by {@code creator}, with the
     * parts of {@code explicit} (may be null) that the client gave taking precedence.
     */
    public static SecurityDescriptor forNewObject(SecurityDescriptor parent, SecurityDescriptor explicit,
            Token creator, boolean directory) {
        Sid owner = explicit != null && explicit.owner() != null ? explicit.owner() : creator.user();
        Sid group = explicit != null && explicit.group() != null ? explicit.group() : creator.primaryGroup();
        Acl sacl = explicit == null ? null : explicit.sacl();
        if (explicit != null && (explicit.control() & SecurityDescriptor.DACL_PRESENT) != 0) {
            int daclBits = explicit.control() & (SecurityDescriptor.DACL_PROTECTED
                    | SecurityDescriptor.DACL_AUTO_INHERITED | SecurityDescriptor.DACL_PRESENT);
            return new SecurityDescriptor(daclBits, owner, group, sacl, explicit.dacl());
        }
        boolean auto = (parent.control() & SecurityDescriptor.DACL_AUTO_INHERITED) != 0;
        Acl inherited = parent.dacl() == null ? Acl.of(List.of())
                : inheritedAcl(parent.dacl(), directory, owner, group, auto);
        Acl dacl = inherited.aces().isEmpty() ? defaultDacl(owner) : inherited;
        return new SecurityDescriptor(auto ? SecurityDescriptor.DACL_AUTO_INHERITED : 0, owner, group, sacl, dacl);
    }

    /**
     * The ACEs a child inherits from {@code parentDacl}; they are marked INHERITED_ACE only under
     * the auto-inheritance model (the parent's DACL is SE_DACL_AUTO_INHERITED), as Windows does.
     */
    public static Acl inheritedAcl(Acl parentDacl, boolean directory, Sid owner, Sid group, boolean autoInherited) {
        List<Ace> out = new ArrayList<>();
        int mark = autoInherited ? Ace.INHERITED : 0;
        for (Ace ace : parentDacl.aces()) {
            if (ace instanceof Ace.Simple a) {
                inherit(a, directory, owner, group, mark, out);
            }
        }
        return Acl.of(out);
    }

    private static void inherit(Ace.Simple a, boolean directory, Sid owner, Sid group, int mark, List<Ace> out) {
        int flags = a.flags() & ~Ace.INHERITED;
        boolean toFiles = (flags & Ace.OBJECT_INHERIT) != 0;
        boolean toDirs = (flags & Ace.CONTAINER_INHERIT) != 0;
        boolean noPropagate = (flags & Ace.NO_PROPAGATE_INHERIT) != 0;
        Sid sid = a.sid().equals(Sid.CREATOR_OWNER) ? owner : a.sid().equals(Sid.CREATOR_GROUP) ? group : a.sid();
        int mask = AccessMask.of(a.mask()).mapGeneric().bits();
        Ace.Simple effective = a.with(mark, sid, mask);
        if (!directory) {
            if (toFiles) {
                out.add(effective);
            }
            return;
        }
        if (!toDirs) {
            // Object-inherit only: the directory passes it on to its files without using it itself.
            if (toFiles && !noPropagate) {
                out.add(a.with(Ace.OBJECT_INHERIT | Ace.INHERIT_ONLY | mark, a.sid(), a.mask()));
            }
            return;
        }
        if (noPropagate) {
            out.add(effective);
        } else if (!sid.equals(a.sid()) || mask != a.mask()) {
            out.add(effective);
            out.add(a.with(flags & INHERIT_FLAGS | Ace.INHERIT_ONLY | mark, a.sid(), a.mask()));
        } else {
            out.add(a.with(flags & INHERIT_FLAGS | mark, sid, mask));
        }
    }

    /** With nothing to inherit, the creator's default DACL: the owner and SYSTEM have full control. */
    static Acl defaultDacl(Sid owner) {
        return Acl.of(List.of(Ace.Simple.allow(owner, AccessCheck.ALL_RIGHTS, 0),
                Ace.Simple.allow(Sid.SYSTEM, AccessCheck.ALL_RIGHTS, 0)));
    }
}
