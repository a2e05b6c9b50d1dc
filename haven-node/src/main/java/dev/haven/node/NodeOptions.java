package dev.haven.node;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;

/**
 * How to start a node.
 *
 * @param dataDir the data directory (created on first start)
 * @param listen overrides the first virtual server's listen address, or null
 * @param port overrides the first virtual server's SMB port (0: any free port), or null
 * @param initialPassword the password of user {@code haven} on first start ({@code HAVEN_PASSWORD}),
 *     or null to generate one and print it once
 * @param defaultVolumeBytes the size of the embedded default's sparse volume
 * @param clock the node's clock
 * @param out where first-start notices (the generated password) are printed
 */
public record NodeOptions(Path dataDir, String listen, Integer port, String initialPassword,
        long defaultVolumeBytes, Clock clock, PrintStream out) {
    /** 16 GiB: sparse, so it costs only what is written. */
    public static final long DEFAULT_VOLUME_BYTES = 16L << 30;

    /** Defaults for {@code dataDir}: configured address, generated password, 16 GiB, system clock, stdout. */
    public static NodeOptions defaults(Path dataDir) {
        return new NodeOptions(dataDir, null, null, null, DEFAULT_VOLUME_BYTES, Clock.systemUTC(), System.out);
    }

    /** These options with the first virtual server on {@code newListen}:{@code newPort} (either may be null). */
    public NodeOptions withAddress(String newListen, Integer newPort) {
        return new NodeOptions(dataDir, newListen, newPort, initialPassword, defaultVolumeBytes, clock, out);
    }

    /** These options with the first-start password of user {@code haven}. */
    public NodeOptions withInitialPassword(String password) {
        return new NodeOptions(dataDir, listen, port, password, defaultVolumeBytes, clock, out);
    }

    /** These options with another default volume size (tests use a small one). */
    public NodeOptions withDefaultVolumeBytes(long bytes) {
        return new NodeOptions(dataDir, listen, port, initialPassword, bytes, clock, out);
    }

    /** These options printing first-start notices to {@code stream}. */
    public NodeOptions withOut(PrintStream stream) {
        return new NodeOptions(dataDir, listen, port, initialPassword, defaultVolumeBytes, clock, stream);
    }
}
