package dev.haven.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin API's bearer token, kept in the data directory as {@code admin.token} (mode 600,
 * created with that mode, so it is never readable by others even for a moment). Whoever can read
 * the data directory can manage the node, as with the NT hashes next to it.
 */
public final class AdminToken {
    /** The token file's name in the data directory. */
    public static final String FILE = "admin.token";

    private final String value;

    private AdminToken(String value) {
        this.value = value;
    }

    /** Reads the token of {@code dataDir}, creating a random one on first use. */
    public static AdminToken loadOrCreate(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] raw = new byte[32];
            new SecureRandom().nextBytes(raw);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            } catch (FileAlreadyExistsException raced) {
                // another process made it first: use theirs
            }
        }
        return read(dataDir);
    }

    /** Reads the token of {@code dataDir}. */
    public static AdminToken read(Path dataDir) throws IOException {
        String token = Files.readString(dataDir.resolve(FILE), StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
            throw new IOException(dataDir.resolve(FILE) + " is empty");
        }
        return new AdminToken(token);
    }

    /** The token text. */
    public String value() {
        return value;
    }

    /** Compares in constant time, so response timing does not reveal how much of a guess was right. */
    boolean matches(String candidate) {
        return candidate != null && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "AdminToken[hidden]";
    }
}
