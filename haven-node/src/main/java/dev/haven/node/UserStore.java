package dev.haven.node;

import dev.haven.files.security.Sid;
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
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * The node's local users in one file, {@code users}, mode 600. Passwords are never stored: each
 * line is {@code NAME:NTHASH:RID}, the hex NT hash (MD4 of the UTF-16LE password, [MS-NLMP] 3.3.1),
 * because NTLM authentication needs exactly that value, and the user's RID: the user's SID is
 * the node SID ({@link NodeSid}, file {@code node-sid} next to this one) plus the RID. RIDs start
 * at 1000 and are never reused: the line {@code next-rid=N} keeps the next one. A line of the
 * older form {@code NAME:NTHASH} gets RID 1000 + its position and keeps it from the next change on. Treat the file like a password file: the
 * hash alone is enough to log on over NTLM.
 *
 * <p>Changes are atomic: the new content goes to a temporary file created with mode 600, is
 * fsynced, renamed over {@code users}, and the directory is fsynced. Writers in several processes
 * take an OS lock on {@code users.lock} (and, within one process, a lock per file). Readers need no lock (rename is atomic), so a running
 * node reads the file on every logon and sees changes at once.
 */
public final class UserStore implements UserDirectory {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final String HEADER = "# Haven users: NAME:NT-HASH:RID (MD4 of the UTF-16LE password; NTLM needs it)."
            + " Manage with 'haven user'.\n";
    private static final HexFormat HEX = HexFormat.of();
    /** The first RID of a user (RIDs below 1000 are Windows' well-known ones, [MS-DTYP] 2.4.2.4). */
    private static final int FIRST_RID = 1000;
    private static final String NEXT_RID = "next-rid=";

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
            return Optional.ofNullable(read().byName().get(key(userName))).map(User::ntHash);
        } catch (IOException e) {
            System.getLogger(UserStore.class.getName()).log(System.Logger.Level.ERROR,
                    "cannot read user store " + file, e);
            return Optional.empty();
        }
    }

    /** The user names, in the order they were added. */
    public List<String> list() throws IOException {
        return read().byName().values().stream().map(User::name).toList();
    }

    /** Whether a user exists (names ignore case). */
    public boolean contains(String name) throws IOException {
        return read().byName().containsKey(key(name));
    }

    /** Adds a user; fails if the name is taken. */
    public void add(String name, String password) throws IOException {
        checkName(name);
        change((users, newRid) -> {
            if (users.containsKey(key(name))) {
                throw new IllegalArgumentException("user " + name + " already exists");
            }
            users.put(key(name), new User(name, UserDirectory.hashPassword(password), newRid.getAsInt()));
        });
    }

    /** Sets a user's password. */
    public void setPassword(String name, String password) throws IOException {
        change((users, newRid) -> {
            User u = users.get(key(name));
            if (u == null) {
                throw new IllegalArgumentException("no user named " + name);
            }
            users.put(key(name), new User(u.name(), UserDirectory.hashPassword(password), u.rid()));
        });
    }

    /** Deletes a user. */
    public void delete(String name) throws IOException {
        change((users, newRid) -> {
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

    private record User(String name, byte[] ntHash, int rid) {}

    private record Users(Map<String, User> byName, int nextRid) {}

    /** The user's SID: the node SID plus the user's RID; empty for an unknown user. */
    @Override
    public Optional<Sid> sid(String userName) {
        try {
            User u = read().byName().get(key(userName));
            return u == null ? Optional.empty() : Optional.of(NodeSid.loadOrCreate(nodeSidFile()).withRid(u.rid()));
        } catch (IOException e) {
            System.getLogger(UserStore.class.getName()).log(System.Logger.Level.ERROR,
                    "cannot read user store " + file, e);
            return Optional.empty();
        }
    }

    private Path nodeSidFile() {
        return file.toAbsolutePath().resolveSibling(NodeSid.FILE);
    }

    private interface Change {
        void apply(Map<String, User> users, IntSupplier newRid) throws IOException;
    }

    private void change(Change change) throws IOException {
        writeLock.lock();
        try (FileChannel lockChannel = FileChannel.open(file.resolveSibling(file.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // Released when the channel closes.
            lockChannel.lock();
            Users users = read();
            int[] next = {users.nextRid()};
            change.apply(users.byName(), () -> next[0]++);
            write(users.byName(), next[0]);
        } finally {
            writeLock.unlock();
        }
    }

    private Users read() throws IOException {
        Map<String, User> users = new LinkedHashMap<>();
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Users(users, FIRST_RID);
        }
        int nextRid = FIRST_RID;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith(NEXT_RID)) {
                nextRid = Math.max(nextRid, parseRid(line.substring(NEXT_RID.length()), i));
                continue;
            }
            String[] parts = line.split(":", -1);
            String hex = parts.length < 2 ? "" : parts[1];
            if (parts.length > 3 || hex.length() != 32 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new IOException(file.getFileName() + ":" + (i + 1) + ": expected NAME:NTHASH:RID (32 hex digits)");
            }
            int rid = parts.length == 3 ? parseRid(parts[2], i) : FIRST_RID + users.size();
            nextRid = Math.max(nextRid, rid + 1);
            users.put(key(parts[0]), new User(parts[0], HEX.parseHex(hex), rid));
        }
        return new Users(users, nextRid);
    }

    private int parseRid(String text, int line) throws IOException {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IOException(file.getFileName() + ":" + (line + 1) + ": bad RID '" + text + "'", e);
        }
    }

    private void write(Map<String, User> users, int nextRid) throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        for (User u : users.values()) {
            text.append(u.name()).append(':').append(HEX.formatHex(u.ntHash())).append(':').append(u.rid()).append('\n');
        }
        text.append(NEXT_RID).append(nextRid).append('\n');
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
