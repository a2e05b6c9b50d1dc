package dev.haven.bench.fs;

import dev.haven.fs.CreateAttributes;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
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
 * Lookup of a random existing name in a directory of 100,000 entries (sampled latency):
 * {@code HavenFs.lookup} (name to attributes) vs. {@code Files.readAttributes} on the host.
 * The directory is built and committed once per trial; HavenFS's side is then remounted so that
 * the tree is read from the device, not left over from building it. Iterations last 2 s (hundreds
 * of thousands of samples each), so {@code -wi 1 -i 5} stays short.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(time = 2)
@Measurement(time = 2)
public class LookupBench {
    static final int ENTRIES = 100_000;

    private HostPlace place;
    private long havenDir;
    private Path nioDir;
    private final SplittableRandom random = new SplittableRandom(42);

    /** Builds both directories. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        place = HostPlace.create(1L << 30);
        HavenFs fs = place.fs;
        havenDir = fs.createDirectory(HavenFs.ROOT, "big", new CreateAttributes(0755, 0, 0, 0)).id();
        nioDir = Files.createDirectory(place.nioDir.resolve("big"));
        for (int i = 0; i < ENTRIES; i++) {
            fs.createFile(havenDir, SmallFilesBench.name(i), CreateAttributes.DEFAULT);
            Files.createFile(nioDir.resolve(SmallFilesBench.name(i)));
        }
        place = place.remounted();
        HostPlace.syncHostFileSystem(nioDir);
    }

    /** Closes and deletes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        place.close();
    }

    /** HavenFS: name to attributes. */
    @Benchmark
    public Inode lookupHaven() throws Exception {
        return place.fs.lookup(havenDir, SmallFilesBench.name(random.nextInt(ENTRIES)));
    }

    /** java.nio: name to attributes on the host. */
    @Benchmark
    public BasicFileAttributes lookupNio() throws Exception {
        return Files.readAttributes(nioDir.resolve(SmallFilesBench.name(random.nextInt(ENTRIES))),
                BasicFileAttributes.class);
    }
}
