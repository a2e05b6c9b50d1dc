package dev.haven.bench;

import java.io.IOException;
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
}
