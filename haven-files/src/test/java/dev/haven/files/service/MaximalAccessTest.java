package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.files.AccessMask;
import dev.haven.files.ShareAccess;
import dev.haven.files.security.Ace;
import dev.haven.files.security.Acl;
import dev.haven.files.security.SecurityDescriptor;
import dev.haven.files.security.Sid;
import dev.haven.files.security.Token;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The MxAc answer: what opening again with MAXIMUM_ALLOWED would give, whatever the open itself got. */
class MaximalAccessTest extends FileServiceFixture {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");
    private static final Principal ALICE = new Principal("alice", Token.ofUser(DOMAIN.withRid(1000)));
    private static final Principal BOB = new Principal("bob", Token.ofUser(DOMAIN.withRid(1001)));
    /** Windows' "modify" that Authenticated Users inherit from the default share root. */
    private static final int MODIFY = 0x001301BF;

    private Open open(String p, CreateDisposition d, OpenOptions o, int access, Principal who) {
        return service.open(share, SharePath.parse(p, '/'), d, o, AccessMask.of(access), ShareAccess.ALL, who).open();
    }

    @Test
    void creatorGetsFullControlEvenThroughAReadOnlyOpen() {
        service.close(open("a", CreateDisposition.CREATE, OpenOptions.NONE, AccessMask.FILE_ALL_ACCESS, ALICE));
        Open read = open("a", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.FILE_READ_DATA, ALICE);
        assertEquals(AccessMask.FILE_ALL_ACCESS, MaximalAccess.of(read, ALICE).bits());
        assertEquals(AccessMask.FILE_READ_DATA, read.granted().bits());
        service.close(read);
    }

    @Test
    void equalsWhatMaximumAllowedGrantsAnotherUser() {
        service.close(open("a", CreateDisposition.CREATE, OpenOptions.NONE, AccessMask.FILE_ALL_ACCESS, ALICE));
        Open max = open("a", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.MAXIMUM_ALLOWED, BOB);
        assertEquals(MODIFY, MaximalAccess.of(max, BOB).bits());
        assertEquals(max.granted(), MaximalAccess.of(max, BOB));
        service.close(max);
    }

    @Test
    void followsADaclChangedAfterTheOpen() {
        Open f = open("a", CreateDisposition.CREATE, OpenOptions.NONE, AccessMask.FILE_ALL_ACCESS, ALICE);
        service.setSecurityDescriptor(f, SecurityDescriptor.DACL_INFO, new SecurityDescriptor(0, null, null, null,
                Acl.of(List.of(Ace.Simple.allow(Sid.EVERYONE, AccessMask.FILE_READ_DATA, 0)))));
        // Bob reads; the share root's FILE_DELETE_CHILD and list right add DELETE and FILE_READ_ATTRIBUTES.
        assertEquals(AccessMask.FILE_READ_DATA | AccessMask.DELETE | AccessMask.FILE_READ_ATTRIBUTES,
                MaximalAccess.of(f, BOB).bits());
        service.close(f);
    }

    @Test
    void readOnlyFileNeverOffersWriteData() {
        OpenOptions readOnly = new OpenOptions(false, true, false, false, OpenSecurity.READONLY, null, null);
        Open f = open("r", CreateDisposition.CREATE, readOnly, AccessMask.FILE_READ_DATA, ALICE);
        int max = MaximalAccess.of(f, ALICE).bits();
        assertEquals(0, max & (AccessMask.FILE_WRITE_DATA | AccessMask.FILE_APPEND_DATA));
        assertEquals(AccessMask.WRITE_DAC, max & AccessMask.WRITE_DAC);
        service.close(f);
    }

    @Test
    void shareRootAndNamedStreamsAreAnswered() {
        Open root = open("", CreateDisposition.OPEN, new OpenOptions(true, false, false, false),
                AccessMask.FILE_READ_ATTRIBUTES, BOB);
        assertEquals(MODIFY | AccessMask.FILE_DELETE_CHILD, MaximalAccess.of(root, BOB).bits());
        service.close(root);
        service.close(open("s", CreateDisposition.CREATE, OpenOptions.NONE, AccessMask.FILE_ALL_ACCESS, ALICE));
        OpenOptions stream = new OpenOptions(false, false, false, false, 0, null, "extra");
        Open st = open("s", CreateDisposition.CREATE, stream, AccessMask.FILE_WRITE_DATA, ALICE);
        assertEquals(AccessMask.FILE_ALL_ACCESS, MaximalAccess.of(st, ALICE).bits());
        service.close(st);
    }
}
