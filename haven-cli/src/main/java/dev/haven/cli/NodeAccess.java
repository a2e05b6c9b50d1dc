package dev.haven.cli;

import dev.haven.admin.client.AdminClient;
import dev.haven.node.ConfigException;
import dev.haven.node.DataDirectory;
import dev.haven.node.FileSystemConfig;
import dev.haven.node.NodeConfig;
import dev.haven.node.NodeConfigReader;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * How a command reaches a node's data directory: through the admin API when a node runs there,
 * else directly, holding the directory's lock for the command's duration (so a node cannot start
 * on it meanwhile). Never both.
 */
final class NodeAccess {
    private NodeAccess() {}

    /** The API client of the node running on {@code data}, or empty. */
    static Optional<AdminClient> running(Path data) throws IOException {
        return AdminClient.forDataDirectory(data);
    }

    /** What an offline command works on: the locked data directory and its configuration. */
    record Offline(DataDirectory dir, NodeConfig config) implements AutoCloseable {
        /** Locks {@code data} and reads its configuration. */
        static Offline open(Path data) throws IOException {
            if (!Files.exists(data.resolve(DataDirectory.CONFIG))) {
                throw new IOException("no Haven node in " + data.toAbsolutePath() + " (no " + DataDirectory.CONFIG
                        + "); start one with 'haven serve --data " + data + "', or pass --data DIR");
            }
            DataDirectory dir = DataDirectory.lock(data);
            try {
                return new Offline(dir, NodeConfigReader.read(dir.configFile()));
            } catch (ConfigException e) {
                dir.close();
                throw new IOException(e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                dir.close();
                throw e;
            }
        }

        FileSystemConfig fileSystem(String name) {
            return config.fileSystem(name).orElseThrow(() -> new NoSuchElementException("no filesystem named "
                    + name + " in " + dir.configFile()));
        }

        /** Opens the volume of file system {@code name}. */
        Volume volume(String name) throws IOException {
            return VolumeCommand.openUnguarded(dir.resolve(fileSystem(name).volume()));
        }

        @Override
        public void close() throws IOException {
            dir.close();
        }
    }
}
