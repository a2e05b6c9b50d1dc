package dev.haven.bench;

import dev.haven.block.BlockDevice;
import dev.haven.volume.FileVolumeStore;
import dev.haven.volume.Restore;
import dev.haven.volume.Volume;
import dev.haven.volume.VolumeOptions;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * Time from {@link Volume#restore} until production has answered a read and a durable write of
 * blocks the restore has not copied yet (target: under 100 ms). Before each restore
 * {@link #DIRTY_BYTES} of production differ from the source snapshot. With {@code copy=deferred} the
 * background copy runs only after the measurement (in the invocation's teardown, not timed); with
 * {@code copy=background} it runs on another thread during the measurement, competing for the disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
public class RestoreBench {
    static final long VOLUME_BYTES = 256L << 20;
    static final long DIRTY_BYTES = 32L << 20;
    static final int BLOCK = 4096;

    /** {@code deferred}: copy after the measurement; {@code background}: copy on an executor meanwhile. */
    @Param({"deferred", "background"})
    String copy;

    private Path dir;
    private ExecutorService executor;
    private Volume volume;
    private BlockDevice production;
    private Restore restore;
    private final ByteBuffer mib = BenchFiles.randomMiB(2);
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    private final Random random = new Random(9);
    private final long dirtyBlocks = DIRTY_BYTES / BLOCK;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.newDir("restore");
        Path vol = dir.resolve("vol");
        Volume.create(vol, VOLUME_BYTES, BLOCK).close();
        VolumeOptions options = VolumeOptions.defaults().withoutBackgroundRestore();
        if (copy.equals("background")) {
            executor = Executors.newSingleThreadExecutor();
            options = new VolumeOptions(options.clock(), executor, options.maxHeldBytes(), 0);
        }
        volume = Volume.open(new FileVolumeStore(vol), options);
        production = volume.production();
        BenchFiles.fill(production, VOLUME_BYTES);
        volume.createSnapshot("source");
    }

    /** Makes the first {@link #DIRTY_BYTES} of production differ from the source (not timed). */
    @Setup(Level.Invocation)
    public void diverge() throws IOException {
        mib.clear().putLong(0, random.nextLong());
        for (long b = 0; b < dirtyBlocks; b += mib.capacity() / BLOCK) {
            production.write(b, mib.clear());
        }
        production.flush();
    }

    @Benchmark
    public int restoreThenReadAndWrite() throws IOException {
        restore = volume.restore("source");
        long b = dirtyBlocks - 1 - random.nextInt(1024); // far from the copy's cursor
        production.read(b, block.clear());
        int seen = block.get(0);
        production.write(b - 1024, block.clear());
        production.flush();
        return seen;
    }

    /** Finishes the copy (not timed) and drops the pre-restore snapshot, so every restore starts alike. */
    @TearDown(Level.Invocation)
    public void finishCopy() throws IOException {
        restore.await();
        for (var s : volume.snapshots()) {
            if (!s.name().equals("source")) {
                volume.delete(s.name());
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        volume.close();
        if (executor != null) {
            executor.shutdown();
        }
        BenchFiles.delete(dir);
    }
}
