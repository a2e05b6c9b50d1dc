package dev.haven.cli;

import dev.haven.node.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Keeps offline commands off volumes a running node holds: two writers on one volume would
 * corrupt it. A volume is a node's when a data directory with a held lock encloses it.
 */
final class OfflineGuard {
    private static final int LEVELS = 4;

    private OfflineGuard() {}

    /** Refuses politely when a running node's data directory encloses {@code volume}. */
    static void refuseIfNodeHolds(Path volume) throws IOException {
        Path dir = volume.toAbsolutePath().normalize();
        for (int i = 0; i < LEVELS && dir != null; i++, dir = dir.getParent()) {
            if (DataDirectory.isHeld(dir)) {
                throw new IOException("a Haven node is running on " + dir + " and holds " + volume
                        + "; use the node's commands (e.g. 'haven snapshot list FS --data " + dir
                        + "') or stop the node first");
            }
        }
    }
}
