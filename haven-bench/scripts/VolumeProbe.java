import dev.haven.block.BlockDevice;
import dev.haven.volume.FileVolumeStore;
import dev.haven.volume.Volume;
import dev.haven.volume.VolumeOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Haven volume against a raw FileChannel, interleaved: rounds alternate between the two sides, so on
 * a machine shared with other builds both sides see the same load (JMH runs them minutes apart). Each
 * round reports wall time and the thread's CPU time; the ratio printed is the median of the per-round
 * ratios. Same workloads as VolumeWriteBench and SnapshotReadBench.
 *
 * <pre>
 * java -cp haven-bench/target/benchmarks.jar haven-bench/scripts/VolumeProbe.java read ROUNDS
 * java -cp haven-bench/target/benchmarks.jar haven-bench/scripts/VolumeProbe.java write SNAPSHOTS WRITE_SIZE ROUNDS
 * </pre>
 */
public class VolumeProbe {
    static final long VOLUME = 256L << 20;
    static final int BLOCK = 4096;
    static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    public static void main(String[] a) throws IOException {
        Path dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "volprobe");
        try {
            if (a[0].equals("read")) {
                read(dir, Integer.parseInt(a[1]));
            } else {
                write(dir, Integer.parseInt(a[1]), Integer.parseInt(a[2]), Integer.parseInt(a[3]));
            }
        } finally {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    /** Random 4 KiB reads of the oldest of 1,000 snapshots (64 random blocks rewritten after each) vs raw. */
    static void read(Path dir, int rounds) throws IOException {
        FileChannel raw = rawFile(dir);
        Volume v = Volume.create(dir.resolve("vol"), VOLUME, BLOCK);
        BlockDevice p = v.production();
        fill(p);
        Random r = new Random(5);
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (int i = 0; i < 1000; i++) {
            v.createSnapshot("s" + i);
            for (int j = 0; j < 64; j++) {
                p.write(r.nextLong(VOLUME / BLOCK), block.clear());
            }
        }
        p.flush();
        BlockDevice view = v.view("s0");
        ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
        SplittableRandom rnd = new SplittableRandom(11);
        List<double[]> results = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            double[] rawSide = readRound(raw, null, buf, rnd);
            double[] volSide = readRound(null, view, buf, rnd);
            results.add(new double[] {volSide[0] / rawSide[0], rawSide[1] / volSide[1]});
            System.out.printf("round %d: raw %.0f ops/s (%.2f us cpu/op), oldest %.0f ops/s (%.2f us cpu/op)%n", round,
                    rawSide[0], rawSide[1], volSide[0], volSide[1]);
        }
        System.out.printf("median ratio oldest/raw: throughput %.2f, cpu per op %.2f (%d rounds)%n",
                median(results, 0), median(results, 1), rounds);
        v.close();
        raw.close();
    }

    /** Half a second of random 4 KiB reads: {ops/s, CPU microseconds per op}. */
    static double[] readRound(FileChannel raw, BlockDevice view, ByteBuffer buf, SplittableRandom rnd)
            throws IOException {
        long n = 0;
        long c0 = CPU.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        long end = t0 + 500_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 256; i++, n++) {
                long b = rnd.nextLong(VOLUME / BLOCK);
                buf.clear();
                if (raw != null) {
                    raw.read(buf, b * BLOCK);
                } else {
                    view.read(b, buf);
                }
            }
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        return new double[] {n / secs, (CPU.getCurrentThreadCpuTime() - c0) / 1e3 / n};
    }

    /** 32 MiB shots (snapshot before each volume shot, as VolumeWriteBench) then flush, vs raw then force. */
    static void write(Path dir, int snapshots, int size, int rounds) throws IOException {
        FileChannel raw = rawFile(dir);
        Volume v = Volume.create(new FileVolumeStore(dir.resolve("vol")), VOLUME, BLOCK,
                VolumeOptions.defaults().withSaveBlocks(4 * VOLUME / BLOCK));
        BlockDevice p = v.production();
        fill(p);
        Random r = new Random(3);
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (int i = 0; i < snapshots - 1; i++) {
            v.createSnapshot("pre" + i);
            for (int j = 0; j < 16; j++) {
                p.write(r.nextLong(VOLUME / BLOCK), block.clear());
            }
        }
        p.flush();
        byte[] d = new byte[size];
        new Random(42).nextBytes(d);
        ByteBuffer buf = ByteBuffer.allocateDirect(size).put(d).flip();
        long units = VOLUME / size;
        long[] order = new long[(int) units];
        for (int i = 0; i < units; i++) {
            order[i] = i;
        }
        if (size == BLOCK) {
            Random shuffle = new Random(7);
            for (int i = order.length - 1; i > 0; i--) {
                int j = shuffle.nextInt(i + 1);
                long t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
        long perShot = (32L << 20) / size;
        List<double[]> results = new ArrayList<>();
        int next = 0;
        for (int round = 0; round < rounds; round++) {
            long t0 = System.nanoTime();
            for (long i = 0; i < perShot; i++) {
                buf.clear();
                long pos = order[(int) ((next + i) % units)] * size;
                while (buf.hasRemaining()) {
                    pos += raw.write(buf, pos);
                }
            }
            raw.force(false);
            long rawNs = System.nanoTime() - t0;
            if (snapshots > 0) {
                v.createSnapshot("shot" + round);
            }
            long c1 = CPU.getCurrentThreadCpuTime();
            long t1 = System.nanoTime();
            for (long i = 0; i < perShot; i++) {
                buf.clear();
                p.write(order[(int) ((next + i) % units)] * (size / BLOCK), buf);
            }
            long t2 = System.nanoTime();
            p.flush();
            long volNs = System.nanoTime() - t1;
            long cpu = CPU.getCurrentThreadCpuTime() - c1;
            next = (int) ((next + perShot) % units);
            results.add(new double[] {(double) rawNs / volNs});
            System.out.printf("round %d: raw %.1f ms, volume %.1f ms (writes %.1f, flush %.1f; cpu %.1f): ratio %.2f%n",
                    round, rawNs / 1e6, volNs / 1e6, (t2 - t1) / 1e6, (volNs - (t2 - t1)) / 1e6, cpu / 1e6,
                    (double) rawNs / volNs);
        }
        System.out.printf("median ratio volume/raw throughput: %.2f (%d snapshots, %d-byte writes, %d rounds)%n",
                median(results, 0), snapshots, size, rounds);
        v.close();
        raw.close();
    }

    static FileChannel rawFile(Path dir) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve("raw"), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        ByteBuffer mib = mib();
        for (long pos = 0; pos < VOLUME; pos += mib.capacity()) {
            ch.write(mib.clear(), pos);
        }
        ch.force(false);
        return ch;
    }

    static void fill(BlockDevice p) throws IOException {
        ByteBuffer mib = mib();
        for (long pos = 0; pos < VOLUME; pos += mib.capacity()) {
            p.write(pos / BLOCK, mib.clear());
        }
        p.flush();
    }

    static ByteBuffer mib() {
        byte[] b = new byte[1 << 20];
        new Random(1).nextBytes(b);
        return ByteBuffer.allocateDirect(b.length).put(b).flip();
    }

    static double median(List<double[]> rows, int col) {
        double[] x = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
        return x.length % 2 == 1 ? x[x.length / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2;
    }
}
