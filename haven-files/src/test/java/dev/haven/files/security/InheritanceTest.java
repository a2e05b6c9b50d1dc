package dev.haven.files.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.files.AccessMask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** [MS-DTYP] 2.5.3.4 inheritance as NTFS applies it to files and directories. */
class InheritanceTest {
    private static final Sid OWNER = Sid.parse("S-1-5-21-1-2-3-1000");
    private static final Sid GROUP = Sid.parse("S-1-5-21-1-2-3-513");
    private static final Token CREATOR = Token.ofUser(OWNER);
    private static final int OI = Ace.OBJECT_INHERIT;
    private static final int CI = Ace.CONTAINER_INHERIT;
    private static final int IO = Ace.INHERIT_ONLY;
    private static final int NP = Ace.NO_PROPAGATE_INHERIT;
    private static final int ID = Ace.INHERITED;
    private static final int ALL = AccessMask.FILE_ALL_ACCESS;

    private static Acl acl(Ace... aces) {
        return Acl.of(List.of(aces));
    }

    private static Ace allow(Sid s, int m, int f) {
        return Ace.Simple.allow(s, m, f);
    }

    @Test
    void filesTakeObjectInheritAcesWithoutInheritFlags() {
        Acl parent = acl(allow(Sid.EVERYONE, 1, OI), allow(Sid.USERS, 2, CI), allow(Sid.SYSTEM, 4, 0));
        assertEquals(acl(allow(Sid.EVERYONE, 1, ID)), Inheritance.inheritedAcl(parent, false, OWNER, GROUP, true));
    }

    @Test
    void directoriesKeepContainerInheritAcesAndPassObjectInheritOnesOn() {
        Acl parent = acl(allow(Sid.EVERYONE, 1, OI | CI), allow(Sid.USERS, 2, OI), allow(Sid.SYSTEM, 4, CI | NP),
                allow(Sid.ADMINISTRATORS, 8, OI | NP));
        assertEquals(acl(allow(Sid.EVERYONE, 1, OI | CI | ID), allow(Sid.USERS, 2, OI | IO | ID), allow(Sid.SYSTEM, 4, ID)),
                Inheritance.inheritedAcl(parent, true, OWNER, GROUP, true));
    }

    @Test
    void creatorOwnerAndGenericRightsAreResolvedAndKeptForGrandchildren() {
        Acl parent = acl(allow(Sid.CREATOR_OWNER, AccessMask.GENERIC_ALL, OI | CI | IO));
        assertEquals(acl(allow(OWNER, ALL, ID)), Inheritance.inheritedAcl(parent, false, OWNER, GROUP, true));
        assertEquals(acl(allow(OWNER, ALL, ID), allow(Sid.CREATOR_OWNER, AccessMask.GENERIC_ALL, OI | CI | IO | ID)),
                Inheritance.inheritedAcl(parent, true, OWNER, GROUP, true));
    }

    @Test
    void newObjectsGetCreatorOwnerAndGroupAndAnExplicitDaclAsGiven() {
        SecurityDescriptor parent = new SecurityDescriptor(SecurityDescriptor.DACL_AUTO_INHERITED, Sid.ADMINISTRATORS,
                Sid.USERS, null, acl(allow(Sid.EVERYONE, 1, OI)));
        SecurityDescriptor inherited = Inheritance.forNewObject(parent, null, CREATOR, false);
        assertEquals(OWNER, inherited.owner());
        assertEquals(GROUP, inherited.group());
        assertEquals(acl(allow(Sid.EVERYONE, 1, ID)), inherited.dacl());
        SecurityDescriptor explicit = new SecurityDescriptor(0, Sid.EVERYONE, null, null, acl(allow(Sid.USERS, 2, 0)));
        SecurityDescriptor given = Inheritance.forNewObject(parent, explicit, CREATOR, false);
        assertEquals(Sid.EVERYONE, given.owner());
        assertEquals(GROUP, given.group());
        assertEquals(explicit.dacl(), given.dacl());
    }

    @Test
    void acesAreMarkedInheritedOnlyUnderAutoInheritance() {
        SecurityDescriptor parent = new SecurityDescriptor(0, Sid.ADMINISTRATORS, Sid.USERS, null,
                acl(allow(Sid.EVERYONE, 1, OI | ID)));
        SecurityDescriptor child = Inheritance.forNewObject(parent, null, CREATOR, false);
        assertEquals(acl(allow(Sid.EVERYONE, 1, 0)), child.dacl());
        assertEquals(0, child.control() & SecurityDescriptor.DACL_AUTO_INHERITED);
    }

    @Test
    void nothingToInheritGivesTheCreatorsDefaultDacl() {
        SecurityDescriptor parent = new SecurityDescriptor(0, Sid.ADMINISTRATORS, Sid.USERS, null, acl(allow(Sid.USERS, 1, 0)));
        assertEquals(acl(allow(OWNER, ALL, 0), allow(Sid.SYSTEM, ALL, 0)),
                Inheritance.forNewObject(parent, null, CREATOR, true).dacl());
    }
}
