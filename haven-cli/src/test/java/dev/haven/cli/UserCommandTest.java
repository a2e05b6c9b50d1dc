package dev.haven.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven user} in-process with injected stdin and no terminal. */
class UserCommandTest {
    @TempDir
    Path dir;

    private static CliRun run(String stdin, String... args) {
        return CliRun.run(cl -> {
            UserCommand user = cl.getSubcommands().get("user").getCommand();
            user.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
            user.console = () -> null;
        }, args);
    }

    private String data() {
        return dir.resolve("haven-data").toString();
    }

    @Test
    void addsListsChangesAndDeletesUsers() throws Exception {
        assertEquals(0, run("pw1\n", "user", "add", "alice", "--password-stdin", "--data", data()).code());
        assertEquals(0, run("pw2\n", "user", "--data", data(), "add", "bob", "--password-stdin").code());
        assertEquals("alice\nbob\n", run("", "user", "list", "--data", data()).out());
        assertEquals(0, run("pw3\n", "user", "passwd", "bob", "--password-stdin", "--data", data()).code());
        assertEquals(0, run("", "user", "delete", "alice", "--data", data()).code());
        assertEquals("bob\n", run("", "user", "list", "--data", data()).out());
        Path users = dir.resolve("haven-data/users");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(users)));
        assertFalse(Files.readString(users).contains("pw3"));
    }

    @Test
    void explainsWhatWentWrong() {
        CliRun noTerminal = run("", "user", "add", "alice", "--data", data());
        assertEquals(2, noTerminal.code());
        assertTrue(noTerminal.err().contains("use --password-stdin"), noTerminal.err());
        CliRun empty = run("", "user", "add", "alice", "--password-stdin", "--data", data());
        assertEquals(2, empty.code());
        assertTrue(empty.err().contains("nothing on standard input"), empty.err());
        CliRun unknown = run("x\n", "user", "passwd", "nobody", "--password-stdin", "--data", data());
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("no user named nobody"), unknown.err());
        run("x\n", "user", "add", "alice", "--password-stdin", "--data", data());
        CliRun twice = run("x\n", "user", "add", "ALICE", "--password-stdin", "--data", data());
        assertTrue(twice.err().contains("already exists"), twice.err());
    }
}
