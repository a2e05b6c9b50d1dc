package dev.haven.files.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.files.AccessMask;
import dev.haven.files.ShareAccess;
import dev.haven.files.security.Sid;
import dev.haven.files.security.Token;
import org.junit.jupiter.api.Test;

/** FileNormalizedNameInformation's path: the stored case of every component, whatever case the open used. */
class NormalizedNameTest extends FileServiceFixture {
    private static final Principal ALICE = new Principal("alice", Token.ofUser(Sid.parse("S-1-5-21-1-2-3").withRid(1000)));
    private static final OpenOptions DIR = new OpenOptions(true, false, false, false);

    /** Full access; the share root, where users have no WRITE_DAC, to read. */
    private Open open(String p, CreateDisposition d, OpenOptions o) {
        int access = p.isEmpty() ? AccessMask.FILE_READ_ATTRIBUTES : AccessMask.FILE_ALL_ACCESS;
        return service.open(share, SharePath.parse(p, '/'), d, o, AccessMask.of(access),
                ShareAccess.ALL, ALICE).open();
    }

    @Test
    void reportsTheStoredCaseOfEveryComponent() {
        service.close(open("Dir", CreateDisposition.CREATE, DIR));
        service.close(open("Dir/Sub", CreateDisposition.CREATE, DIR));
        service.close(open("Dir/Sub/File.Txt", CreateDisposition.CREATE, OpenOptions.NONE));
        Open lower = open("dir/sub/file.txt", CreateDisposition.OPEN, OpenOptions.NONE);
        assertEquals("Dir\\Sub\\File.Txt", NormalizedName.of(lower, '\\'));
        Open upper = open("DIR/SUB", CreateDisposition.OPEN, DIR);
        assertEquals("Dir/Sub", NormalizedName.of(upper, '/'));
        service.close(lower);
        service.close(upper);
    }

    @Test
    void followsRenamesAndNamesTheRootEmpty() {
        Open f = open("Old.txt", CreateDisposition.CREATE, OpenOptions.NONE);
        service.rename(f, SharePath.parse("New.TXT", '/'), false);
        assertEquals("New.TXT", NormalizedName.of(f, '\\'));
        service.close(f);
        Open root = open("", CreateDisposition.OPEN, DIR);
        assertEquals("", NormalizedName.of(root, '\\'));
        service.close(root);
    }

    @Test
    void aNamedStreamIsItsFilesPathAndItsName() {
        service.close(open("Data.bin", CreateDisposition.CREATE, OpenOptions.NONE));
        Open s = open("DATA.BIN", CreateDisposition.CREATE, new OpenOptions(false, false, false, false, 0, null, "meta"));
        assertEquals("Data.bin:meta", NormalizedName.of(s, '\\'));
        service.close(s);
    }
}
