package dev.haven.node;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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

    /** The directories locked by this process: the OS lock alone cannot tell threads of one process apart. */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    private final Path root;
    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirectory(Path root, Path key, FileChannel channel, FileLock lock) {
        this.root = root;
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Creates {@code root} if needed and locks it; fails with a clear message if another node holds it. */
    public static DataDirectory lock(Path root) throws IOException {
        Files.createDirectories(root);
        Path key = root.toRealPath();
        if (!HELD_HERE.add(key)) {
            // Checked before opening the file: closing a second channel on it would drop this process's lock.
            throw locked(root);
        }
        try {
            return lockFile(root, key);
        } catch (IOException | RuntimeException e) {
            HELD_HERE.remove(key);
            throw e;
        }
    }

    /**
     * True when a node (in this process or another) holds {@code root}: the CLI then talks to it
     * instead of opening its volumes.
     */
    public static boolean isHeld(Path root) throws IOException {
        Path lockFile = root.resolve(LOCK);
        if (!Files.exists(lockFile)) {
            return false;
        }
        if (HELD_HERE.contains(root.toRealPath())) {
            return true;
        }
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock l = ch.tryLock();
            if (l == null) {
                return true;
            }
            l.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        }
    }

    private static DataDirectoryLockedException locked(Path root) {
        return new DataDirectoryLockedException("data directory " + root.toAbsolutePath()
                + " is in use by another Haven node (lock held on " + LOCK + ")");
    }

    private static DataDirectory lockFile(Path root, Path key) throws IOException {
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
            throw locked(root);
        }
        return new DataDirectory(root, key, ch, l);
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
            HELD_HERE.remove(key);
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
