package dev.haven.node;

import dev.haven.smb.auth.UserDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The node's local users in one file, {@code users}, mode 600. Passwords are never stored: each
 * line is {@code NAME:NTHASH}, the hex NT hash (MD4 of the UTF-16LE password, [MS-NLMP] 3.3.1),
 * because NTLM authentication needs exactly that value. Treat the file like a password file: the
 * hash alone is enough to log on over NTLM.
 *
 * <p>Changes are atomic: the new content goes to a temporary file created with mode 600, is
 * fsynced, renamed over {@code users}, and the directory is fsynced. Writers in several processes
 * take an OS lock on {@code users.lock} (and, within one process, a lock per file). Readers need no lock (rename is atomic), so a running
 * node reads the file on every logon and sees changes at once.
 */
public final class UserStore implements UserDirectory {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String HEADER = "# Haven users: NAME:NT-HASH (MD4 of the UTF-16LE password; NTLM needs it)."
            + " Manage with 'haven user'.\n";
    private static final HexFormat HEX = HexFormat.of();

    private final Path file;
    /**
     * In-process writers of one file, whatever store object they use: the JVM holds OS file locks
     * per process, so a second lock attempt from this process would fail instead of waiting.
     */
    private static final ConcurrentHashMap<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

    private final ReentrantLock writeLock;

    /** The store in {@code file}; the file is created on the first change. */
    public UserStore(Path file) {
        this.file = file;
        this.writeLock = WRITERS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new ReentrantLock());
    }

    /** Re-reads the file, so a running node sees user changes at the next logon. */
    @Override
    public Optional<byte[]> ntHash(String userName) {
        try {
            return Optional.ofNullable(read().get(userName.toLowerCase(Locale.ROOT))).map(User::ntHash);
        } catch (IOException e) {
            System.getLogger(UserStore.class.getName()).log(System.Logger.Level.ERROR,
                    "cannot read user store " + file, e);
            return Optional.empty();
        }
    }

    /** The user names, in the order they were added. */
    public List<String> list() throws IOException {
        return read().values().stream().map(User::name).toList();
    }

    /** Whether a user exists (names ignore case). */
    public boolean contains(String name) throws IOException {
        return read().containsKey(name.toLowerCase(Locale.ROOT));
    }

    /** Adds a user; fails if the name is taken. */
    public void add(String name, String password) throws IOException {
        checkName(name);
        change(users -> {
            if (users.putIfAbsent(key(name), new User(name, UserDirectory.hashPassword(password))) != null) {
                throw new IllegalArgumentException("user " + name + " already exists");
            }
        });
    }

    /** Sets a user's password. */
    public void setPassword(String name, String password) throws IOException {
        change(users -> {
            User u = users.get(key(name));
            if (u == null) {
                throw new IllegalArgumentException("no user named " + name);
            }
            users.put(key(name), new User(u.name(), UserDirectory.hashPassword(password)));
        });
    }

    /** Deletes a user. */
    public void delete(String name) throws IOException {
        change(users -> {
            if (users.remove(key(name)) == null) {
                throw new IllegalArgumentException("no user named " + name);
            }
        });
    }

    private static String key(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    private static void checkName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad user name '" + name
                    + "': 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private record User(String name, byte[] ntHash) {}

    private interface Change {
        void apply(Map<String, User> users) throws IOException;
    }

    private void change(Change change) throws IOException {
        writeLock.lock();
        try (FileChannel lockChannel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Released when the channel closes.
            lockChannel.lock();
            Map<String, User> users = read();
            change.apply(users);
            write(users);
        } finally {
            writeLock.unlock();
        }
    }

    private Map<String, User> read() throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return users;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.lastIndexOf(':');
            String hex = colon < 0 ? "" : line.substring(colon + 1);
            if (hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IOException(file.getFileName() + ":" + (i + 1) + ": expected NAME:NTHASH (32 hex digits)");
            }
            String name = line.substring(0, colon);
            users.put(key(name), new User(name, HEX.parseHex(hex)));
        }
        return users;
    }

    private void write(Map<String, User> users) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (User u : users.values()) {
            text.append(u.name()).append(':').append(HEX.formatHex(u.ntHash())).append('\n');
        }
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer buf = ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        // The rename is durable only once the directory entry is on disk.
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
