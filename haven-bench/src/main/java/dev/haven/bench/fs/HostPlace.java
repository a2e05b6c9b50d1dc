package dev.haven.bench.fs;

import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One trial's scratch space on the host disk: a directory for the java.nio side and, beside it, a
 * Haven volume (its production device, as the file service will mount it) formatted with HavenFS.
 * Both live on the same host file system, so the two sides share the disk and the page cache.
 *
 * <p>The parent directory is {@code -Dhaven.bench.dir} (default: {@code java.io.tmpdir}).
 */
final class HostPlace implements AutoCloseable {
    private static final int BLOCK_SIZE = 4096;

    final Path root;
    final Path nioDir;
    final Volume volume;
    final HavenFs fs;

    private HostPlace(Path root, Volume volume, HavenFs fs) {
        this.root = root;
        this.nioDir = root.resolve("nio");
        this.volume = volume;
        this.fs = fs;
    }

    /** Creates the scratch directory and a volume of {@code volumeBytes} formatted with HavenFS. */
    static HostPlace create(long volumeBytes) throws Exception {
        Path parent = Path.of(System.getProperty("haven.bench.dir", System.getProperty("java.io.tmpdir")));
        Path root = Files.createTempDirectory(parent, "haven-fs-bench-");
        Files.createDirectory(root.resolve("nio"));
        Path volumeDir = Files.createDirectory(root.resolve("volume"));
        Volume volume = Volume.create(volumeDir, volumeBytes, BLOCK_SIZE);
        HavenFs fs = HavenFs.format(volume.production(), FormatOptions.DEFAULT);
        return new HostPlace(root, volume, fs);
    }

    /** Unmounts and mounts the file system again, so that nothing it built stays cached. */
    HostPlace remounted() throws Exception {
        fs.close();
        return new HostPlace(root, volume, HavenFs.mount(volume.production()));
    }

    /**
     * Makes everything written on the host file system that holds {@code dir} durable with one
     * syncfs(2) ({@code sync -f}); the JDK has no portable call for it, and one fsync per file
     * would not be "one sync at the end" as HavenFS's side does.
     */
    static void syncHostFileSystem(Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sync", "-f", dir.toString()).inheritIO().start();
        int rc = p.waitFor();
        if (rc != 0) {
            throw new IOException("sync -f " + dir + " exited with " + rc);
        }
    }

    /** Deletes {@code dir} and everything under it. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    @Override
    public void close() throws IOException {
        try {
            fs.close();
        } finally {
            try {
                volume.close();
            } finally {
                deleteTree(root);
            }
        }
    }
}
