package dev.haven.node;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;

/**
 * What a node creates on its first start in an empty data directory: one virtual file server,
 * one sparse volume with a case-insensitive HavenFS, one share {@code data}, and user
 * {@code haven}. {@code haven.conf} is written last, so its presence means "set up"; a first
 * start that died before it finds the volume and stops with a message instead of guessing.
 */
final class EmbeddedDefault {
    static final String VOLUME = "volumes/data";
    static final String USER = "haven";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final Logger LOG = System.getLogger(EmbeddedDefault.class.getName());

    private EmbeddedDefault() {}

    /** Creates the embedded default in {@code dir}, which has no {@code haven.conf}. */
    static void create(DataDirectory dir, NodeOptions options) throws IOException {
        Path volume = dir.resolve(VOLUME);
        if (Files.exists(volume)) {
            throw new IOException(volume + " exists but " + dir.configFile() + " does not: an earlier first start"
                    + " was interrupted; remove " + volume + " to start afresh, or write " + DataDirectory.CONFIG);
        }
        Files.createDirectories(volume.getParent());
        MountedFileSystem.create(volume, options.defaultVolumeBytes(), CaseHandling.INSENSITIVE, options.clock());
        LOG.log(Level.INFO, "created volume {0} ({1} bytes, sparse) with a case-insensitive HavenFS", volume,
                String.valueOf(options.defaultVolumeBytes()));
        UserStore users = new UserStore(dir.usersFile());
        if (users.list().isEmpty()) {
            String given = options.initialPassword();
            String password = given != null ? given : generatePassword();
            users.add(USER, password);
            if (given == null) {
                // Shown once: only its NT hash is stored.
                options.out().println("Created user '" + USER + "' with password: " + password
                        + "  (shown once; change it with 'haven user passwd " + USER + "')");
            }
            LOG.log(Level.INFO, "created user {0}", USER);
        }
        String listen = options.listen() != null ? options.listen() : NodeConfigReader.DEFAULT_LISTEN;
        int port = options.port() != null ? options.port() : NodeConfigReader.DEFAULT_PORT;
        ConfigFile.writeAtomically(dir.configFile(), text(listen, port));
        LOG.log(Level.INFO, "wrote {0}", dir.configFile());
    }

    static String generatePassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** The configuration file of the embedded default. */
    static String text(String listen, int port) {
        return """
                # Haven node configuration (docs/configuration.md). Lines starting with '#' are comments.
                # Changes take effect at the next start. Manage users with 'haven user'.

                [server]
                name = HAVEN
                domain = WORKGROUP

                # A virtual file server: the unit that owns file systems and shares and has its own address.
                [virtual-server default]
                listen = %s
                port = %d
                # encrypt = required   # encrypt every SMB 3.x session
                signing = required
                # anonymous = on       # accept null sessions (they reach IPC$ only, to list shares)

                # A HavenFS file system on a sparse block volume (path relative to this directory).
                [filesystem data]
                virtual-server = default
                volume = %s
                case = insensitive

                [share data]
                filesystem = data
                path = /
                read-only = no
                encrypt = off
                """.formatted(listen, port, VOLUME);
    }
}
