package dev.haven.bench.fs;

import dev.haven.block.BlockDevice;
import dev.haven.block.FileBlockDevice;
import dev.haven.fs.DirEntry;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.fs.NodeType;
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
    final BlockDevice device;
    private final AutoCloseable owner;
    final HavenFs fs;

    private HostPlace(Path root, BlockDevice device, AutoCloseable owner, HavenFs fs) {
        this.root = root;
        this.nioDir = root.resolve("nio");
        this.device = device;
        this.owner = owner;
        this.fs = fs;
    }

    /** Creates the scratch directory and a volume of {@code bytes} formatted with HavenFS. */
    static HostPlace create(long bytes) throws Exception {
        return create(bytes, "volume");
    }

    /**
     * Creates the scratch directory and a device of {@code bytes} formatted with HavenFS: {@code
     * volume} is a Haven volume's production device (what the file service mounts), {@code file}
     * a bare FileBlockDevice (to tell the volume's share of a cost from HavenFS's).
     */
    static HostPlace create(long bytes, String kind) throws Exception {
        Path parent = Path.of(System.getProperty("haven.bench.dir", System.getProperty("java.io.tmpdir")));
        Path root = Files.createTempDirectory(parent, "haven-fs-bench-");
        Files.createDirectory(root.resolve("nio"));
        BlockDevice device;
        AutoCloseable owner;
        switch (kind) {
            case "volume" -> {
                Volume volume = Volume.create(Files.createDirectory(root.resolve("volume")), bytes, BLOCK_SIZE);
                device = volume.production();
                owner = volume;
            }
            case "file" -> {
                FileBlockDevice file = FileBlockDevice.create(root.resolve("device"), BLOCK_SIZE, bytes / BLOCK_SIZE);
                device = file;
                owner = file;
            }
            default -> throw new IllegalArgumentException("device kind " + kind + " (volume or file)");
        }
        return new HostPlace(root, device, owner, HavenFs.format(device, FormatOptions.DEFAULT));
    }

    /**
     * Removes {@code name} (a file, or a directory of files) from the java.nio directory and from
     * HavenFS's root, and commits HavenFS, so that the next shot starts from the same state.
     */
    void remove(String name) throws IOException {
        deleteTree(nioDir.resolve(name));
        DirEntry entry = fs.listAll(HavenFs.ROOT).stream().filter(e -> e.name().equals(name)).findFirst().orElse(null);
        if (entry != null && entry.type() == NodeType.DIRECTORY) {
            for (DirEntry e : fs.listAll(entry.inode())) {
                fs.unlink(entry.inode(), e.name());
            }
            fs.removeDirectory(HavenFs.ROOT, name);
        } else if (entry != null) {
            fs.unlink(HavenFs.ROOT, name);
        }
        fs.sync();
    }

    /** Unmounts and mounts the file system again, so that nothing it built stays cached. */
    HostPlace remounted() throws Exception {
        fs.close();
        return new HostPlace(root, device, owner, HavenFs.mount(device));
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
                owner.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            } finally {
                deleteTree(root);
            }
        }
    }
}
