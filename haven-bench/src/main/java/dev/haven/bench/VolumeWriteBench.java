package dev.haven.bench;

import dev.haven.block.BlockDevice;
import dev.haven.volume.FileVolumeStore;
import dev.haven.volume.Volume;
import dev.haven.volume.VolumeOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Durable write throughput of a volume's production device against raw {@link FileChannel} writes to
 * a file on the same disk. One measured shot writes {@link #BATCH_BYTES} (random 4 KiB blocks or
 * sequential 1 MiB runs, each block once) and then flushes. With snapshots, a fresh snapshot is
 * taken before every shot, so every write in it is a first write after a snapshot (copy on write).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2)
@Measurement(iterations = 7)
public class VolumeWriteBench {
    static final long VOLUME_BYTES = 256L << 20;
    static final long BATCH_BYTES = 32L << 20;
    static final int BLOCK = 4096;

    /** {@code raw}: a FileChannel on a sparse file; {@code volume}: a Haven volume's production. */
    @Param({"raw", "volume"})
    String target;

    /** Snapshots alive during the measured shot (ignored for raw). */
    @Param({"0", "1", "16", "1000"})
    int snapshots;

    /** Bytes per write: 4096 (random) or 1048576 (sequential). */
    @Param({"4096", "1048576"})
    int writeSize;

    private Path dir;
    private FileChannel raw;
    private Volume volume;
    private BlockDevice production;
    private ByteBuffer buf;
    private long[] order;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.newDir("volwrite");
        byte[] data = new byte[writeSize];
        new Random(42).nextBytes(data);
        buf = ByteBuffer.allocateDirect(writeSize).put(data).flip();
        int units = (int) (VOLUME_BYTES / writeSize);
        order = writeSize == BLOCK ? BenchFiles.permutation(units, 7) : sequence(units);
        if (target.equals("raw")) {
            raw = FileChannel.open(dir.resolve("raw"), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, StandardOpenOption.SPARSE);
            BenchFiles.fill(raw, VOLUME_BYTES);
            return;
        }
        // Room for every shot's copies: the save volume is four times the volume.
        volume = Volume.create(new FileVolumeStore(dir.resolve("vol")), VOLUME_BYTES, BLOCK,
                VolumeOptions.defaults().withSaveBlocks(4 * VOLUME_BYTES / BLOCK));
        production = volume.production();
        BenchFiles.fill(production, VOLUME_BYTES);
        Random r = new Random(3);
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (int i = 0; i < snapshots - 1; i++) {
            volume.createSnapshot("pre" + i);
            for (int j = 0; j < 16; j++) {
                production.write(r.nextLong(VOLUME_BYTES / BLOCK), block.clear());
            }
        }
        production.flush();
    }

    private static long[] sequence(int n) {
        long[] s = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = i;
        }
        return s;
    }

    /**
     * A fresh snapshot before every shot, kept (not deleted): with 1, 16 or 1,000 snapshots alike
     * the shot's saved copies then go to fresh save-volume space. Deleting the previous shot's
     * snapshot would be unfair between the cases: alone, its blocks are freed and reused; with
     * older snapshots, the next older one inherits them, so only the cases with more snapshots
     * would pay for growing the save volume.
     */
    @Setup(Level.Iteration)
    public void takeShotSnapshot() throws IOException {
        if (volume != null && snapshots > 0) {
            volume.createSnapshot("shot" + next);
        }
    }

    @Benchmark
    public void writeBatch() throws IOException {
        long writes = BATCH_BYTES / writeSize;
        for (long i = 0; i < writes; i++) {
            long unit = order[next];
            next = (next + 1) % order.length;
            buf.clear();
            if (raw != null) {
                long pos = unit * writeSize;
                while (buf.hasRemaining()) {
                    pos += raw.write(buf, pos);
                }
            } else {
                production.write(unit * (writeSize / BLOCK), buf);
            }
        }
        if (raw != null) {
            raw.force(false);
        } else {
            production.flush();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (raw != null) {
            raw.close();
        }
        if (volume != null) {
            volume.close();
        }
        BenchFiles.delete(dir);
    }
}
