package dev.haven.files.security;

import dev.haven.files.AccessMask;

/**
 * [MS-DTYP] 2.5.3.2 the access check: which rights a descriptor's DACL gives a token. The ACEs
 * are walked in order; a bit is granted by the first allow ACE naming it unless an earlier deny
 * ACE named it. The owner always has READ_CONTROL and WRITE_DAC. A NULL or absent DACL grants
 * everything. ACCESS_SYSTEM_SECURITY needs a privilege Haven does not give, so it is never granted.
 */
public final class AccessCheck {
    /** Every right a file can have (standard rights and all specific file rights). */
    public static final int ALL_RIGHTS = AccessMask.FILE_ALL_ACCESS;
    private static final int OWNER_IMPLICIT = AccessMask.READ_CONTROL | AccessMask.WRITE_DAC;

    private AccessCheck() {
    }

    /** The rights the token has on an object with this descriptor (MAXIMUM_ALLOWED). */
    public static int maximumAllowed(SecurityDescriptor sd, Token token) {
        if (sd.grantsEverything()) {
            return ALL_RIGHTS;
        }
        int granted = sd.owner() != null && token.has(sd.owner()) ? OWNER_IMPLICIT : 0;
        int denied = 0;
        for (Ace ace : sd.dacl().aces()) {
            if (!(ace instanceof Ace.Simple a) || (a.flags() & Ace.INHERIT_ONLY) != 0 || !token.has(a.sid())) {
                continue;
            }
            int mask = AccessMask.of(a.mask()).mapGeneric().bits();
            if (a.type() == Ace.ACCESS_ALLOWED) {
                granted |= mask & ~denied;
            } else if (a.type() == Ace.ACCESS_DENIED) {
                denied |= mask & ~granted;
            }
        }
        return granted & ALL_RIGHTS;
    }

    /**
     * The access an open gets for {@code desired} (generic bits mapped, MAXIMUM_ALLOWED expanded),
     * given the rights {@code allowed}; null when a desired right is missing.
     */
    public static AccessMask grant(AccessMask desired, int allowed) {
        int bits = desired.mapGeneric().bits();
        boolean maximum = (bits & AccessMask.MAXIMUM_ALLOWED) != 0;
        bits &= ~AccessMask.MAXIMUM_ALLOWED;
        if ((bits & ~allowed) != 0) {
            return null;
        }
        return AccessMask.of(maximum ? bits | allowed : bits);
    }
}
