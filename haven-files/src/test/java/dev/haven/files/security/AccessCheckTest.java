package dev.haven.files.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.haven.files.AccessMask;
import java.util.List;
import org.junit.jupiter.api.Test;

/** [MS-DTYP] 2.5.3.2 as a table of cases. */
class AccessCheckTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-7-8-9");
    private static final Token ALICE = Token.ofUser(DOMAIN.withRid(1000));
    private static final Sid BOB = DOMAIN.withRid(1001);
    private static final int R = AccessMask.FILE_READ_DATA;
    private static final int W = AccessMask.FILE_WRITE_DATA;
    private static final int RC_WD = AccessMask.READ_CONTROL | AccessMask.WRITE_DAC;

    private record Case(String name, Sid owner, List<Ace> aces, int expected) {
    }

    private static Ace allow(Sid s, int m) {
        return Ace.Simple.allow(s, m, 0);
    }

    private static Ace deny(Sid s, int m) {
        return Ace.Simple.deny(s, m, 0);
    }

    @Test
    void walksTheDaclInOrder() {
        Sid alice = ALICE.user();
        List<Case> cases = List.of(
                new Case("empty DACL grants nothing", BOB, List.of(), 0),
                new Case("owner has READ_CONTROL and WRITE_DAC implicitly", alice, List.of(), RC_WD),
                new Case("owner keeps implicit rights past a deny", alice, List.of(deny(alice, RC_WD)), RC_WD),
                new Case("allow for the user", BOB, List.of(allow(alice, R | W)), R | W),
                new Case("allow through a group", BOB, List.of(allow(Sid.EVERYONE, R)), R),
                new Case("ACEs for others are ignored", BOB, List.of(allow(BOB, R | W)), 0),
                new Case("deny before allow wins", BOB, List.of(deny(alice, W), allow(Sid.EVERYONE, R | W)), R),
                new Case("allow before deny wins", BOB, List.of(allow(Sid.EVERYONE, R | W), deny(alice, W)), R | W),
                new Case("inherit-only ACEs are skipped", BOB,
                        List.of(Ace.Simple.allow(alice, R, Ace.INHERIT_ONLY | Ace.OBJECT_INHERIT)), 0),
                new Case("generic rights are mapped", BOB, List.of(allow(alice, AccessMask.GENERIC_READ)),
                        AccessMask.FILE_GENERIC_READ),
                new Case("ACCESS_SYSTEM_SECURITY is never granted", BOB,
                        List.of(allow(alice, AccessMask.ACCESS_SYSTEM_SECURITY | R)), R),
                new Case("unknown ACE types take no part", BOB, List.of(new Ace.Other(0x05, 0, new byte[12])), 0));
        for (Case c : cases) {
            SecurityDescriptor sd = new SecurityDescriptor(0, c.owner(), null, null, Acl.of(c.aces()));
            assertEquals(c.expected(), AccessCheck.maximumAllowed(sd, ALICE), c.name());
        }
    }

    @Test
    void nullDaclGrantsEverything() {
        SecurityDescriptor sd = new SecurityDescriptor(SecurityDescriptor.DACL_PRESENT, BOB, null, null, null);
        assertEquals(AccessCheck.ALL_RIGHTS, AccessCheck.maximumAllowed(sd, ALICE));
    }

    @Test
    void grantsDesiredOnlyWhenAllOfItIsAllowed() {
        assertEquals(AccessMask.of(R), AccessCheck.grant(AccessMask.of(R), R | W));
        assertNull(AccessCheck.grant(AccessMask.of(R | AccessMask.DELETE), R | W));
        assertEquals(AccessMask.of(R | W), AccessCheck.grant(AccessMask.of(AccessMask.MAXIMUM_ALLOWED), R | W));
        assertNull(AccessCheck.grant(AccessMask.of(AccessMask.MAXIMUM_ALLOWED | AccessMask.DELETE), R | W));
        assertEquals(AccessMask.of(AccessMask.FILE_GENERIC_READ),
                AccessCheck.grant(AccessMask.of(AccessMask.GENERIC_READ), AccessCheck.ALL_RIGHTS));
    }

    @Test
    void deleteComesFromTheParentsDeleteChild() {
        SecurityDescriptor file = new SecurityDescriptor(0, BOB, null, null, Acl.of(List.of(allow(ALICE.user(), R))));
        SecurityDescriptor dir = new SecurityDescriptor(0, BOB, null, null,
                Acl.of(List.of(allow(ALICE.user(), AccessMask.FILE_DELETE_CHILD | AccessMask.FILE_READ_DATA))));
        int allowed = FileSecurity.allowed(file, dir, ALICE);
        assertEquals(R | AccessMask.DELETE | AccessMask.FILE_READ_ATTRIBUTES, allowed);
        assertEquals(R, FileSecurity.allowed(file, null, ALICE));
    }
}
