package dev.haven.bench;

import dev.haven.block.BlockDevice;
import dev.haven.volume.Volume;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snapshot create on a busy volume, as a writer sees it: one thread writes random 4 KiB blocks of a
 * 4 MiB area of production without flushing (measured); another writes 16 MiB more over 256 MiB, takes a snapshot, and deletes the
 * one before the previous (so the save volume does not fill), over and over. The writer's high
 * percentiles show how long a create stalls writes (the volume's freeze); SnapshotCreateBench measures
 * the create itself, which includes making everything written before it durable.
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 1, time = 2)
@Measurement(iterations = 5, time = 2)
public class SnapshotStallBench {
    static final long VOLUME_BYTES = 1L << 30;
    static final long WRITTEN_BYTES = 256L << 20;
    static final int BLOCK = 4096;
    static final int DIRTY_BLOCKS = 4096;
    static final int WRITER_BLOCKS = 1024;

    private Path dir;
    private Volume volume;
    private BlockDevice production;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
    private final SplittableRandom random = new SplittableRandom(17);
    private long created;
    private final ByteBuffer creatorBlock = ByteBuffer.allocateDirect(BLOCK);
    private final SplittableRandom creatorRandom = new SplittableRandom(19);

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.newDir("snapstall");
        volume = Volume.create(dir.resolve("vol"), VOLUME_BYTES, BLOCK);
        production = volume.production();
        BenchFiles.fill(production, WRITTEN_BYTES);
        // Not zeros: a zero block is saved without space.
        block.put(BenchFiles.randomMiB(3).limit(BLOCK)).flip();
        creatorBlock.put(BenchFiles.randomMiB(4).limit(BLOCK)).flip();
    }

    /**
     * 16 MiB of unflushed random writes (as SnapshotCreateBench's busy case), a snapshot, then the
     * delete of the one taken two creates ago. Its own time is not the point: the writer's is.
     */
    @Benchmark
    @Group("busy")
    @GroupThreads(1)
    public Object create() throws IOException {
        for (int i = 0; i < DIRTY_BLOCKS; i++) {
            creatorBlock.clear();
            production.write(creatorRandom.nextLong(WRITTEN_BYTES / BLOCK), creatorBlock);
        }
        Object info = volume.createSnapshot("s" + created);
        if (created >= 2) {
            volume.delete("s" + (created - 2));
        }
        created++;
        return info;
    }

    /**
     * One unflushed random 4 KiB write to production while snapshots are taken. Within the first
     * {@link #WRITER_BLOCKS} blocks: the writer's own held data stays far below the volume's bound,
     * so it never has to flush itself, and its slow writes are the creates' freezes.
     */
    @Benchmark
    @Group("busy")
    @GroupThreads(1)
    public void write() throws IOException {
        block.clear();
        production.write(random.nextLong(WRITER_BLOCKS), block);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        volume.close();
        BenchFiles.delete(dir);
    }
}
