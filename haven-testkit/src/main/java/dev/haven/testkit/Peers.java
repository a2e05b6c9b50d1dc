package dev.haven.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one rule for tests that drive real third-party peers (smbclient, smbtorture, ...): a missing
 * peer fails the test and names the Debian package to install, unless the environment variable
 * {@code HAVEN_SKIP_PEERS} is set, in which case the test is skipped.
 */
public final class Peers {
    private Peers() {}

    /** Skips or fails the calling test (see the class comment) when {@code command} is not installed. */
    public static void require(String command, String debianPackage) {
        assumeTrue(available(command, debianPackage), () -> "HAVEN_SKIP_PEERS is set and " + command + " is missing");
    }

    /**
     * True when {@code command} is on the PATH; when it is not, fails the calling test, or returns
     * false when {@code HAVEN_SKIP_PEERS} is set (for tests that carry on without the peer).
     */
    public static boolean available(String command, String debianPackage) {
        if (onPath(command)) {
            return true;
        }
        if (System.getenv("HAVEN_SKIP_PEERS") == null) {
            fail(command + " is missing: apt-get install " + debianPackage
                    + " (or set HAVEN_SKIP_PEERS=1 to skip the tests that need it)");
        }
        return false;
    }

    private static boolean onPath(String command) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }
}
