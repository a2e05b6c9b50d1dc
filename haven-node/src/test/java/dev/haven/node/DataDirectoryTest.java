package dev.haven.node;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
    @TempDir
    Path tmp;

    @Test
    void createsTheDirectoryAndRefusesASecondHolder() throws IOException {
        Path root = tmp.resolve("a/haven-data");
        try (DataDirectory first = DataDirectory.lock(root)) {
            assertTrue(first.root().resolve(DataDirectory.LOCK).toFile().exists());
            IOException e = assertThrows(DataDirectory.DataDirectoryLockedException.class,
                    () -> DataDirectory.lock(root));
            assertTrue(e.getMessage().contains("in use by another Haven node"), e.getMessage());
        }
    }

    @Test
    void canBeLockedAgainAfterRelease() throws IOException {
        DataDirectory.lock(tmp).close();
        try (DataDirectory again = DataDirectory.lock(tmp)) {
            assertTrue(again.configFile().endsWith(DataDirectory.CONFIG));
        }
    }

    @Test
    void refusesALockHeldByAnotherProcess() throws Exception {
        // A child JVM holds the lock until we close its stdin.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                LockHolder.class.getName(), tmp.toString()).redirectErrorStream(true).start();
        try {
            assertTrue(new String(p.getInputStream().readNBytes(6)).equals("LOCKED"));
            assertThrows(DataDirectory.DataDirectoryLockedException.class, () -> DataDirectory.lock(tmp));
        } finally {
            p.getOutputStream().close();
            p.waitFor();
        }
        DataDirectory.lock(tmp).close();
    }

    /** Holds the lock of args[0] until stdin closes. */
    static final class LockHolder {
        private LockHolder() {}

        public static void main(String[] args) throws IOException {
            try (DataDirectory d = DataDirectory.lock(Path.of(args[0]))) {
                System.out.print(d.root().toFile().isDirectory() ? "LOCKED" : "FAILED");
                System.out.flush();
                System.in.read();
            }
        }
    }
}
