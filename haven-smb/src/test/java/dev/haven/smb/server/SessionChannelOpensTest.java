package dev.haven.smb.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.haven.files.service.FileService;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.smb.Dialect;
import dev.haven.smb.wire.CloseRequest;
import dev.haven.smb.wire.Command;
import dev.haven.smb.wire.CreateRequest;
import dev.haven.smb.wire.CreateResponse;
import dev.haven.smb.wire.NtStatus;
import dev.haven.smb.wire.Smb2FileId;
import dev.haven.smb.wire.WireReader;
import dev.haven.smb.wire.WriteRequest;
import dev.haven.testkit.MemoryBlockDevice;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Opens of a multichannel session on a real HavenFS: one Session.OpenTable serves every
 * channel, opens survive the loss of one channel and close with the last one, and a
 * PreviousSessionId reconnect closes the old session's opens ([MS-SMB2] 3.3.5.5.2, 3.3.5.5.3, 3.3.7.1).
 */
class SessionChannelOpensTest {
    private final FileService service = new FileService();
    private HavenFs fs;
    private ServerContext server;

    @BeforeEach
    void format() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 4096), FormatOptions.DEFAULT);
        server = TestServers.withStorage(fs, service);
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }

    private SessionTestClient loggedIn() throws Exception {
        SessionTestClient c = new SessionTestClient(server).negotiate(Dialect.SMB_3_0_2);
        assertEquals(NtStatus.SUCCESS, c.login("user", "pass").status());
        return c;
    }

    private static Smb2FileId create(SessionTestClient c, int tree, String name) throws Exception {
        byte[] reply = c.send(Command.CREATE, tree,
                new CreateRequest(0, 2, 0x001F01FF, 0, 7, 5, 0x40, name, List.of())::encodeBody);
        assertEquals(NtStatus.SUCCESS, SessionTestClient.header(reply).status());
        return CreateResponse.decode(new WireReader(reply)).fileId();
    }

    private static NtStatus write(SessionTestClient c, int tree, Smb2FileId id) throws Exception {
        byte[] reply = c.send(Command.WRITE, tree, new WriteRequest(0, id, 0, java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}))::encodeBody);
        return SessionTestClient.header(reply).status();
    }

    private static NtStatus close(SessionTestClient c, int tree, Smb2FileId id) throws Exception {
        return SessionTestClient.header(c.send(Command.CLOSE, tree, new CloseRequest(0, id)::encodeBody)).status();
    }

    /** A session with a tree and an open made on its first channel, and a second channel bound to it. */
    private record TwoChannels(SessionTestClient first, SessionTestClient second, int tree, Smb2FileId id) {
    }

    private TwoChannels twoChannelsWithAnOpen(String name) throws Exception {
        SessionTestClient first = loggedIn();
        int tree = SessionTestClient.header(first.treeConnect("data")).treeId();
        Smb2FileId id = create(first, tree, name);
        SessionTestClient second = new SessionTestClient(server).negotiate(Dialect.SMB_3_0_2);
        assertEquals(NtStatus.SUCCESS, second.bind(first, "user", "pass").status());
        return new TwoChannels(first, second, tree, id);
    }

    @Test
    void anOpenMadeOnOneChannelIsUsableThroughTheOther() throws Exception {
        TwoChannels t = twoChannelsWithAnOpen("a.txt");
        assertEquals(NtStatus.SUCCESS, write(t.second(), t.tree(), t.id()));
        assertEquals(NtStatus.SUCCESS, close(t.second(), t.tree(), t.id()));
        assertEquals(NtStatus.FILE_CLOSED, close(t.first(), t.tree(), t.id()));
    }

    @Test
    void opensOutliveOneChannelAndCloseWithTheLast() throws Exception {
        TwoChannels t = twoChannelsWithAnOpen("b.txt");
        t.first().connection.closeAll();
        assertEquals(1, service.openCount());
        assertEquals(NtStatus.SUCCESS, write(t.second(), t.tree(), t.id()));
        t.second().connection.closeAll();
        assertEquals(0, service.openCount());
    }

    @Test
    void aReconnectWithPreviousSessionIdClosesTheOldOpens() throws Exception {
        SessionTestClient old = loggedIn();
        int tree = SessionTestClient.header(old.treeConnect("data")).treeId();
        Smb2FileId id = create(old, tree, "c.txt");
        SessionTestClient fresh = new SessionTestClient(server).negotiate(Dialect.SMB_3_0_2);
        assertEquals(NtStatus.SUCCESS, fresh.authenticate("user", "pass", 0, 0, old.sessionId).status());
        assertEquals(0, service.openCount());
        assertEquals(NtStatus.USER_SESSION_DELETED, write(old, tree, id));
    }
}
