package dev.haven.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A node's data directory, held exclusively while the node runs: {@code haven.lock} carries an
 * OS file lock ({@link FileChannel#tryLock()}), so a second node on the same directory (in this
 * process or another) stops at once. The OS drops the lock when the process dies, so a crash
 * never leaves a stale lock behind.
 * <pre>
 * haven.conf     the configuration (docs/configuration.md)
 * users          user names and NT hashes, mode 600 ({@link UserStore})
 * haven.lock     the lock file (empty)
 * volumes/NAME/  one block volume per file system
 * </pre>
 */
public final class DataDirectory implements AutoCloseable {
    /** The configuration file's name. */
    public static final String CONFIG = "haven.conf";
    /** The user store's file name. */
    public static final String USERS = "users";
    static final String LOCK = "haven.lock";

    private final Path root;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path root, FileChannel channel, FileLock lock) {
        this.root = root;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates {@code root} if needed and locks it; fails with a clear message if another node holds it. */
    public static DataDirectory lock(Path root) throws IOException {
        Files.createDirectories(root);
        FileChannel ch = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock l;
        try {
            l = ch.tryLock();
        } catch (OverlappingFileLockException e) {
            l = null; // held by this very process
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (l == null) {
            ch.close();
            throw new DataDirectoryLockedException("data directory " + root.toAbsolutePath()
                    + " is in use by another Haven node (lock held on " + LOCK + ")");
        }
        return new DataDirectory(root, ch, l);
    }

    /** The directory. */
    public Path root() {
        return root;
    }

    /** The configuration file. */
    public Path configFile() {
        return root.resolve(CONFIG);
    }

    /** The user store file. */
    public Path usersFile() {
        return root.resolve(USERS);
    }

    /** A path from the configuration, relative to this directory unless absolute. */
    public Path resolve(String configured) {
        return root.resolve(configured);
    }

    /** Releases the lock. */
    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }

    /** Another node holds the data directory. */
    public static final class DataDirectoryLockedException extends IOException {
        private static final long serialVersionUID = 1L;

        DataDirectoryLockedException(String message) {
            super(message);
        }
    }
}
