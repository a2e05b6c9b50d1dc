package dev.haven.bench;

import dev.haven.block.BlockDevice;
import dev.haven.block.BlockSize;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 * Time to create a read-only snapshot of a 1 GiB and of a 10 TiB sparse volume (target: under 10 ms,
 * independent of size). Blocks are written before each snapshot (not timed), so each create has unflushed
 * production data to make durable first, as on a busy volume.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotCreateBench {

    /** Logical volume size. */
    @Param({"1G", "10T"})
    String size;

    /** Blocks written (and not yet flushed) before each snapshot: a quiet volume, or 16 MiB of unflushed writes. */
    @Param({"4", "4096"})
    int dirtyBlocks;

    private Path dir;
    private Volume volume;
    private BlockDevice production;
    private final ByteBuffer block = ByteBuffer.allocate(4096);
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.newDir("snapcreate");
        volume = Volume.create(dir.resolve("vol"), BlockSize.parseBytes(size), 4096);
        production = volume.production();
    }

    @Setup(Level.Invocation)
    public void dirtySomeBlocks() throws IOException {
        for (int i = 0; i < dirtyBlocks; i++) {
            production.write((counter++ * 7919) % production.blockCount(), block.clear());
        }
    }

    @Benchmark
    public Object createSnapshot() throws IOException {
        return volume.createSnapshot("b" + counter);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        volume.close();
        BenchFiles.delete(dir);
    }
}
