package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.smb.auth.UserDirectory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserStoreTest {
    @TempDir
    Path tmp;

    private UserStore store() {
        return new UserStore(tmp.resolve("users"));
    }

    @Test
    void addsListsChangesAndDeletesUsers() throws IOException {
        UserStore s = store();
        assertEquals(List.of(), s.list());
        s.add("alice", "secret1");
        s.add("Bob", "secret2");
        assertEquals(List.of("alice", "Bob"), s.list());
        assertArrayEquals(UserDirectory.hashPassword("secret2"), s.ntHash("bob").orElseThrow());
        s.setPassword("BOB", "other");
        assertArrayEquals(UserDirectory.hashPassword("other"), s.ntHash("Bob").orElseThrow());
        s.delete("alice");
        assertEquals(List.of("Bob"), s.list());
        assertTrue(s.ntHash("alice").isEmpty());
    }

    @Test
    void storesTheNtHashNeverThePassword() throws IOException {
        store().add("alice", "correct horse battery");
        String text = Files.readString(tmp.resolve("users"));
        assertFalse(text.contains("correct horse"), text);
        assertTrue(text.contains("alice:" + HexFormat.of().formatHex(UserDirectory.hashPassword("correct horse battery"))),
                text);
    }

    @Test
    void keepsTheFileReadableByItsOwnerOnly() throws IOException {
        UserStore s = store();
        s.add("alice", "a");
        s.setPassword("alice", "b");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(tmp.resolve("users"))));
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFiles() throws IOException {
        UserStore s = store();
        for (int i = 0; i < 5; i++) {
            s.add("user" + i, "p" + i);
        }
        try (var files = Files.list(tmp)) {
            assertEquals(List.of("users", "users.lock"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aSecondStoreOnTheSameFileSeesChangesAtOnce() throws IOException {
        UserStore node = store();
        assertTrue(node.ntHash("carol").isEmpty());
        store().add("carol", "x");
        assertTrue(node.ntHash("CAROL").isPresent());
        store().delete("carol");
        assertTrue(node.ntHash("carol").isEmpty());
    }

    @Test
    void concurrentWritersLoseNoChange() throws Exception {
        List<Thread> writers = new java.util.ArrayList<>();
        java.util.concurrent.ConcurrentLinkedQueue<Throwable> failures = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            // Separate stores, as separate 'haven user' processes would be; the file lock orders them.
            writers.add(Thread.ofPlatform().start(() -> {
                try {
                    for (int i = 0; i < 5; i++) {
                        store().add("u" + id + "-" + i, "p");
                    }
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }));
        }
        for (Thread w : writers) {
            w.join();
        }
        assertTrue(failures.isEmpty(), failures.toString());
        assertEquals(20, store().list().size());
    }

    @Test
    void refusesDuplicatesUnknownUsersAndBadNames() throws IOException {
        UserStore s = store();
        s.add("alice", "a");
        assertThrows(IllegalArgumentException.class, () -> s.add("ALICE", "b"));
        assertThrows(IllegalArgumentException.class, () -> s.setPassword("nobody", "b"));
        assertThrows(IllegalArgumentException.class, () -> s.delete("nobody"));
        for (String bad : List.of("", "a:b", "a b", "-x", "a".repeat(65))) {
            assertThrows(IllegalArgumentException.class, () -> s.add(bad, "p"), bad);
        }
    }

    @Test
    void reportsACorruptLineByNumber() throws IOException {
        Files.writeString(tmp.resolve("users"), "# header\nalice:1234\n");
        IOException e = assertThrows(IOException.class, () -> store().list());
        assertTrue(e.getMessage().startsWith("users:2:"), e.getMessage());
    }

    @Test
    void givesEachUserASidUnderOneNodeSidAndNeverReusesARid() throws IOException {
        UserStore s = store();
        s.add("alice", "a");
        s.add("bob", "b");
        dev.haven.files.security.Sid alice = s.sid("ALICE").orElseThrow();
        dev.haven.files.security.Sid bob = s.sid("bob").orElseThrow();
        assertEquals(1000, alice.subAuthorities().get(alice.subAuthorities().size() - 1));
        assertEquals(1001, bob.subAuthorities().get(bob.subAuthorities().size() - 1));
        assertTrue(alice.toString().startsWith("S-1-5-21-"), alice.toString());
        assertEquals(alice.toString().substring(0, alice.toString().lastIndexOf('-')),
                bob.toString().substring(0, bob.toString().lastIndexOf('-')));
        assertEquals(alice, store().sid("alice").orElseThrow(), "stable across store objects");
        s.delete("bob");
        s.add("carol", "c");
        dev.haven.files.security.Sid carol = s.sid("carol").orElseThrow();
        assertEquals(1002, carol.subAuthorities().get(carol.subAuthorities().size() - 1));
        assertTrue(s.sid("nobody").isEmpty());
        assertTrue(Files.readString(tmp.resolve(NodeSid.FILE)).startsWith("S-1-5-21-"));
    }

    @Test
    void readsTheOlderFormWithoutRidsAndKeepsThemFromTheNextChange() throws IOException {
        String hash = HexFormat.of().formatHex(UserDirectory.hashPassword("x"));
        Files.writeString(tmp.resolve("users"), "alice:" + hash + "\nbob:" + hash + "\n");
        UserStore s = store();
        dev.haven.files.security.Sid bob = s.sid("bob").orElseThrow();
        s.add("carol", "c");
        assertEquals(bob, s.sid("bob").orElseThrow());
        dev.haven.files.security.Sid carol = s.sid("carol").orElseThrow();
        assertEquals(1002, carol.subAuthorities().get(carol.subAuthorities().size() - 1));
        assertTrue(Files.readString(tmp.resolve("users")).contains("bob:" + hash + ":1001\n"));
    }
}
