package dev.haven.node;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;

/**
 * A node in a JVM of its own, for tests that kill it (SIGKILL): starts on the data directory
 * args[0] with {@link TestNodes}' options, prints {@link #READY} and its SMB port, and runs until
 * killed.
 */
final class NodeProcess {
    static final String READY = "HAVEN-NODE-READY ";

    private NodeProcess() {
    }

    public static void main(String[] args) throws Exception {
        Node node = Node.start(TestNodes.options(Path.of(args[0]), new ByteArrayOutputStream()));
        System.out.println(READY + node.virtualServers().get(0).smbAddress().getPort());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
