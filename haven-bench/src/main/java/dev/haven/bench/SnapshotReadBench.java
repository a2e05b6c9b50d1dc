package dev.haven.bench;

import dev.haven.block.BlockDevice;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.SplittableRandom;
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
 * Random 4 KiB reads of the oldest of 1,000 snapshots against random 4 KiB reads of a raw file of the
 * same size. Between snapshots 64 random blocks are rewritten, so the oldest snapshot's reads are a
 * mix of save-volume and production blocks found through the snapshot lookup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotReadBench {
    static final long VOLUME_BYTES = 256L << 20;
    static final int BLOCK = 4096;
    static final int SNAPSHOTS = 1000;

    /** {@code raw}: a FileChannel; {@code oldest}: the oldest of 1,000 snapshots. */
    @Param({"raw", "oldest"})
    String target;

    private Path dir;
    private FileChannel raw;
    private Volume volume;
    private BlockDevice view;
    private final ByteBuffer buf = ByteBuffer.allocateDirect(BLOCK);
    private final SplittableRandom random = new SplittableRandom(11);
    private final long blocks = VOLUME_BYTES / BLOCK;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.newDir("snapread");
        if (target.equals("raw")) {
            raw = FileChannel.open(dir.resolve("raw"), StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            BenchFiles.fill(raw, VOLUME_BYTES);
            return;
        }
        volume = Volume.create(dir.resolve("vol"), VOLUME_BYTES, BLOCK);
        BlockDevice production = volume.production();
        BenchFiles.fill(production, VOLUME_BYTES);
        Random r = new Random(5);
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (int i = 0; i < SNAPSHOTS; i++) {
            volume.createSnapshot("s" + i);
            for (int j = 0; j < 64; j++) {
                production.write(r.nextLong(blocks), block.clear());
            }
        }
        production.flush();
        view = volume.view("s0");
    }

    @Benchmark
    public int read4k() throws IOException {
        long b = random.nextLong(blocks);
        buf.clear();
        if (raw != null) {
            long pos = b * BLOCK;
            while (buf.hasRemaining()) {
                pos += raw.read(buf, pos);
            }
        } else {
            view.read(b, buf);
        }
        return buf.get(0);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (raw != null) {
            raw.close();
        }
        if (view != null) {
            view.close();
        }
        if (volume != null) {
            volume.close();
        }
        BenchFiles.delete(dir);
    }
}
