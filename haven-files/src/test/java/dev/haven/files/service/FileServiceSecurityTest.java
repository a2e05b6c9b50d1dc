package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.files.AccessMask;
import dev.haven.files.FileServiceError;
import dev.haven.files.FileServiceException;
import dev.haven.files.ShareAccess;
import dev.haven.files.security.Ace;
import dev.haven.files.security.Acl;
import dev.haven.files.security.FileSecurity;
import dev.haven.files.security.SecurityDescriptor;
import dev.haven.files.security.Sid;
import dev.haven.files.security.Token;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Access control through the file service, on HavenFS over a MemoryBlockDevice (smbtorture's scenarios). */
class FileServiceSecurityTest {
    private static final Sid DOMAIN = Sid.parse("S-1-5-21-1-2-3");
    private static final Principal ALICE = new Principal("alice", Token.ofUser(DOMAIN.withRid(1000)));
    private static final Principal BOB = new Principal("bob", Token.ofUser(DOMAIN.withRid(1001)));
    private static final int ALL = AccessMask.FILE_ALL_ACCESS;
    private static final int INFO = SecurityDescriptor.OWNER_INFO | SecurityDescriptor.GROUP_INFO
            | SecurityDescriptor.DACL_INFO;
    private static final OpenOptions DIR = new OpenOptions(true, false, false, false);
    private static final OpenOptions FILE_DOC = new OpenOptions(false, true, true, false);

    private HavenFs fs;
    private Share share;
    private final FileService service = new FileService();

    @BeforeEach
    void format() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16384), new FormatOptions(true, java.time.Clock.systemUTC()));
        share = Share.of("data", fs, false);
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    private Open open(String p, CreateDisposition d, OpenOptions o, int access, Principal who) {
        return service.open(share, SharePath.parse(p, '/'), d, o, AccessMask.of(access), ShareAccess.ALL, who).open();
    }

    private void denied(FileServiceError kind, Runnable r) {
        assertEquals(kind, assertThrows(FileServiceException.class, r::run).error());
    }

    @Test
    void newFileIsOwnedByItsCreatorAndInheritsFromTheShareRoot() throws Exception {
        Open f = open("a", CreateDisposition.CREATE, OpenOptions.NONE, ALL, ALICE);
        SecurityDescriptor sd = service.securityDescriptor(f, INFO);
        assertEquals(ALICE.token().user(), sd.owner());
        assertEquals(DOMAIN.withRid(Token.NONE_GROUP_RID), sd.group());
        // CREATOR OWNER full control became an ACE for alice; every ACE is marked inherited.
        assertTrue(sd.dacl().aces().contains(Ace.Simple.allow(ALICE.token().user(), ALL, Ace.INHERITED)));
        assertTrue(sd.dacl().aces().stream().allMatch(a -> (a.flags() & Ace.INHERITED) != 0));
        service.close(f);
        assertTrue(fs.listXattrs(f.inode()).contains(FileSecurity.XATTR));
    }

    @Test
    void otherUsersGetWhatTheInheritedDaclGives() {
        service.close(open("a", CreateDisposition.CREATE, OpenOptions.NONE, ALL, ALICE));
        // Authenticated Users may modify, but not change the DACL.
        service.close(open("a", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.FILE_WRITE_DATA, BOB));
        denied(FileServiceError.ACCESS_DENIED, () -> open("a", CreateDisposition.OPEN, OpenOptions.NONE,
                AccessMask.WRITE_DAC, BOB));
        Open max = open("a", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.MAXIMUM_ALLOWED, BOB);
        assertEquals(0x001301BF, max.granted().bits());
    }

    /** smb2.delete-on-close-perms: a directory whose inheritable DACL gives no DELETE, and no DELETE_CHILD. */
    @Test
    void deleteNeedsDeleteOrDeleteChildButANewFileGetsWhatItAsks() {
        Open dir = open("d", CreateDisposition.OPEN_IF, DIR,
                AccessMask.READ_CONTROL | AccessMask.WRITE_DAC | AccessMask.WRITE_OWNER, ALICE);
        Sid owner = service.securityDescriptor(dir, SecurityDescriptor.OWNER_INFO).owner();
        int noDelete = 0x001E01BF;
        service.setSecurityDescriptor(dir, SecurityDescriptor.DACL_INFO, new SecurityDescriptor(0, null, null, null,
                Acl.of(List.of(Ace.Simple.allow(owner, noDelete, Ace.OBJECT_INHERIT)))));
        service.close(dir);
        int asked = AccessMask.SYNCHRONIZE | AccessMask.READ_CONTROL | AccessMask.DELETE | AccessMask.FILE_WRITE_DATA;
        Open doc = open("d/f", CreateDisposition.OVERWRITE_IF, FILE_DOC, asked, ALICE);
        service.close(doc);
        denied(FileServiceError.NOT_FOUND, () -> open("d/f", CreateDisposition.OPEN, OpenOptions.NONE, asked, ALICE));
        service.close(open("d/f", CreateDisposition.CREATE, OpenOptions.NONE, asked, ALICE));
        denied(FileServiceError.ACCESS_DENIED, () -> open("d/f", CreateDisposition.OPEN_IF, FILE_DOC, asked, ALICE));
        // DELETE_CHILD on the directory gives DELETE on its files.
        Open again = open("d", CreateDisposition.OPEN, DIR, AccessMask.WRITE_DAC, ALICE);
        service.setSecurityDescriptor(again, SecurityDescriptor.DACL_INFO, new SecurityDescriptor(0, null, null, null,
                Acl.of(List.of(Ace.Simple.allow(owner, ALL, 0)))));
        service.close(again);
        service.close(open("d/f", CreateDisposition.OPEN, FILE_DOC, AccessMask.DELETE, ALICE));
        denied(FileServiceError.NOT_FOUND, () -> open("d/f", CreateDisposition.OPEN, OpenOptions.NONE, asked, ALICE));
    }

    @Test
    void newDirectoryOpenedWithAllRightsCanBeMarkedForDeletion() {
        Open dir = open("d", CreateDisposition.OPEN_IF, DIR, ALL, ALICE);
        service.list(dir, 0, 10);
        service.setDeleteOnClose(dir, true);
        service.close(dir);
        denied(FileServiceError.NOT_FOUND, () -> open("d", CreateDisposition.OPEN, DIR, ALL, ALICE));
    }

    /** smb2.create.nulldacl: a NULL DACL grants everything; an empty one only the owner's implicit rights. */
    @Test
    void nullDaclGrantsAllAndEmptyDaclOnlyTheOwnersImplicitRights() {
        Open f = open("n", CreateDisposition.CREATE, OpenOptions.NONE, AccessMask.WRITE_DAC | AccessMask.READ_CONTROL, ALICE);
        service.setSecurityDescriptor(f, SecurityDescriptor.DACL_INFO,
                new SecurityDescriptor(SecurityDescriptor.DACL_PRESENT, null, null, null, null));
        service.close(open("n", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.GENERIC_WRITE, BOB));
        service.setSecurityDescriptor(f, SecurityDescriptor.DACL_INFO,
                new SecurityDescriptor(0, null, null, null, Acl.of(List.of())));
        service.close(open("n", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.READ_CONTROL, ALICE));
        denied(FileServiceError.ACCESS_DENIED, () -> open("n", CreateDisposition.OPEN, OpenOptions.NONE,
                AccessMask.FILE_READ_DATA, ALICE));
        denied(FileServiceError.ACCESS_DENIED, () -> open("n", CreateDisposition.OPEN, OpenOptions.NONE,
                AccessMask.READ_CONTROL, BOB));
        service.setSecurityDescriptor(f, SecurityDescriptor.DACL_INFO, new SecurityDescriptor(0, null, null, null, null));
        assertNull(service.securityDescriptor(f, INFO).dacl());
        service.close(f);
    }

    @Test
    void anExplicitDescriptorAtCreateIsKeptAsGiven() {
        SecurityDescriptor given = new SecurityDescriptor(0, Sid.EVERYONE, Sid.USERS, null,
                Acl.of(List.of(Ace.Simple.allow(Sid.EVERYONE, AccessMask.FILE_GENERIC_READ | 0x001F0000, 0))));
        OpenOptions withSd = new OpenOptions(false, false, false, false, 0, given, null);
        Open f = open("x", CreateDisposition.CREATE, withSd, AccessMask.MAXIMUM_ALLOWED, ALICE);
        SecurityDescriptor got = service.securityDescriptor(f, INFO);
        assertEquals(given.owner(), got.owner());
        assertEquals(given.group(), got.group());
        assertEquals(given.dacl(), got.dacl());
        service.close(f);
    }

    @Test
    void readOnlyFilesCannotBeDeletedOnClose() {
        OpenOptions readOnlyDoc = new OpenOptions(false, true, true, false, OpenSecurity.READONLY);
        denied(FileServiceError.CANNOT_DELETE, () -> open("r", CreateDisposition.CREATE, readOnlyDoc, ALL, ALICE));
        Open r = open("r", CreateDisposition.CREATE, new OpenOptions(false, true, false, false, OpenSecurity.READONLY),
                ALL, ALICE);
        service.close(r);
        denied(FileServiceError.CANNOT_DELETE, () -> open("r", CreateDisposition.OPEN, FILE_DOC,
                AccessMask.DELETE, ALICE));
        Open d = open("r", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.DELETE | AccessMask.FILE_READ_DATA, ALICE);
        denied(FileServiceError.CANNOT_DELETE, () -> service.setDeleteOnClose(d, true));
        denied(FileServiceError.ACCESS_DENIED, () -> open("r", CreateDisposition.OPEN, OpenOptions.NONE,
                AccessMask.FILE_WRITE_DATA, ALICE));
        service.close(d);
    }

    @Test
    void securityQueriesAndChangesNeedTheirRights() {
        service.close(open("s", CreateDisposition.CREATE, OpenOptions.NONE, ALL, ALICE));
        Open attrs = open("s", CreateDisposition.OPEN, OpenOptions.NONE, AccessMask.FILE_READ_ATTRIBUTES, ALICE);
        denied(FileServiceError.ACCESS_DENIED, () -> service.securityDescriptor(attrs, INFO));
        denied(FileServiceError.ACCESS_DENIED, () -> service.setSecurityDescriptor(attrs, SecurityDescriptor.DACL_INFO,
                new SecurityDescriptor(0, null, null, null, null)));
        denied(FileServiceError.ACCESS_DENIED, () -> service.setSecurityDescriptor(attrs, SecurityDescriptor.OWNER_INFO,
                new SecurityDescriptor(0, Sid.EVERYONE, null, null, null)));
        service.close(attrs);
    }

    @Test
    void creatingNeedsAddFileOnTheDirectory() {
        Open dir = open("ro", CreateDisposition.CREATE, DIR, ALL, ALICE);
        service.setSecurityDescriptor(dir, SecurityDescriptor.DACL_INFO, new SecurityDescriptor(0, null, null, null,
                Acl.of(List.of(Ace.Simple.allow(Sid.EVERYONE, AccessMask.FILE_GENERIC_READ, Ace.CONTAINER_INHERIT)))));
        service.close(dir);
        denied(FileServiceError.ACCESS_DENIED, () -> open("ro/f", CreateDisposition.CREATE, OpenOptions.NONE, ALL, BOB));
        denied(FileServiceError.ACCESS_DENIED, () -> open("ro/sub", CreateDisposition.CREATE, DIR, ALL, BOB));
    }
}
