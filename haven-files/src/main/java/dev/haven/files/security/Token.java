package dev.haven.files.security;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who is asking, as the access check sees it ([MS-DTYP] 2.5.2 Token, reduced to what a file
 * server needs): the user's SID, the SIDs of the groups the user is in, and the primary group new
 * files get. Haven knows no privileges and no administrators: a user is in Everyone,
 * Authenticated Users, BUILTIN\Users and its domain's "None" group (RID 513).
 *
 * @param user         the user's SID (owner of what the user creates)
 * @param groups       group SIDs, the user's SID excluded
 * @param primaryGroup the group new files get
 */
public record Token(Sid user, Set<Sid> groups, Sid primaryGroup) {
    /** DOMAIN_GROUP_RID_USERS: the "None" group of a stand-alone server ([MS-DTYP] 2.4.2.4 RID 513). */
    public static final int NONE_GROUP_RID = 513;
    /** A placeholder domain for principals named without a SID (tests, tools). */
    private static final Sid UNMAPPED_DOMAIN = Sid.parse("S-1-5-21-0-0-0");

    /** Copies the set. */
    public Token {
        groups = Set.copyOf(groups);
    }

    /** The token of a local user whose SID is {@code domain-RID}. */
    public static Token ofUser(Sid user) {
        List<Integer> subs = user.subAuthorities();
        Sid domain = new Sid(user.authority(), subs.subList(0, Math.max(0, subs.size() - 1)));
        Sid none = domain.withRid(NONE_GROUP_RID);
        Set<Sid> groups = new LinkedHashSet<>(List.of(Sid.EVERYONE, Sid.AUTHENTICATED_USERS, Sid.USERS, none));
        return new Token(user, groups, none);
    }

    /**
     * The token of a null (anonymous) session: ANONYMOUS LOGON and no group, not even Everyone
     * (as Windows builds it while "Everyone includes anonymous" is off, its default), so only
     * an ACE naming ANONYMOUS LOGON grants it anything.
     */
    public static Token anonymous() {
        return new Token(Sid.ANONYMOUS, Set.of(), Sid.ANONYMOUS);
    }

    /**
     * A token for a name with no stored SID: a RID derived from the name in a placeholder domain,
     * so two such names never share rights by accident. Front-ends with a user store pass real SIDs.
     */
    public static Token unmapped(String name) {
        int h = 0;
        for (byte b : name.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8)) {
            h = 31 * h + b;
        }
        return ofUser(UNMAPPED_DOMAIN.withRid(1000 + (h & 0x3FFF_FFFF)));
    }

    /** True when {@code sid} is the user or one of its groups. */
    public boolean has(Sid sid) {
        return user.equals(sid) || groups.contains(sid);
    }
}
