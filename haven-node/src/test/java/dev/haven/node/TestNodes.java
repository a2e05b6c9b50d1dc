package dev.haven.node;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Node options for tests: ephemeral port, small sparse volume, known password, captured output. */
final class TestNodes {
    static final String PASSWORD = "s3cret-Pass";
    static final long VOLUME_BYTES = 256L << 20;

    private TestNodes() {}

    static NodeOptions options(Path dataDir, ByteArrayOutputStream out) {
        return NodeOptions.defaults(dataDir).withAddress(null, 0).withInitialPassword(PASSWORD)
                .withDefaultVolumeBytes(VOLUME_BYTES).withOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    }
}
