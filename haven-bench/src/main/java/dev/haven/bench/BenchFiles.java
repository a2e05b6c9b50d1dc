package dev.haven.bench;

import dev.haven.block.BlockDevice;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;

/** Scratch directories on the work disk and the access patterns the benchmarks share. */
final class BenchFiles {
    private BenchFiles() {}

    /** A fresh directory under {@code haven.bench.dir} (default: the system temp directory). */
    static Path newDir(String prefix) throws IOException {
        Path base = Path.of(System.getProperty("haven.bench.dir", System.getProperty("java.io.tmpdir")));
        return Files.createTempDirectory(base, prefix);
    }

    /** Deletes a directory tree made by {@link #newDir}. */
    static void delete(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /** A random permutation of {@code [0, n)}: every block visited once, in random order. */
    static long[] permutation(int n, long seed) {
        long[] order = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            long t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** 1 MiB of seeded random bytes in a direct buffer (what every benchmark fills its files with). */
    static ByteBuffer randomMiB(long seed) {
        ByteBuffer mib = ByteBuffer.allocateDirect(1 << 20);
        new Random(seed).ints(mib.capacity() / 4).forEach(mib::putInt);
        return mib.flip();
    }

    /** Writes {@code bytes} of {@link #randomMiB} to {@code ch} and forces it to disk. */
    static void fill(FileChannel ch, long bytes) throws IOException {
        ByteBuffer mib = randomMiB(1);
        for (long off = 0; off < bytes; off += mib.capacity()) {
            mib.clear();
            while (mib.hasRemaining()) {
                ch.write(mib, off + mib.position());
            }
        }
        ch.force(false);
    }

    /** Writes {@code bytes} of {@link #randomMiB} to {@code dev} and flushes it (durable, like {@link #fill(FileChannel, long)}). */
    static void fill(BlockDevice dev, long bytes) throws IOException {
        ByteBuffer mib = randomMiB(1);
        for (long off = 0; off < bytes; off += mib.capacity()) {
            dev.write(off / dev.blockSize(), mib.clear());
        }
        dev.flush();
    }
}
