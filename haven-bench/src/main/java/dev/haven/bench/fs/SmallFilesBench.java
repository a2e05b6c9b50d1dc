package dev.haven.bench.fs;

import dev.haven.fs.CreateAttributes;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import dev.haven.fs.OpenFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Create + write 4 KiB + close for 10,000 files in one new directory, then one sync: HavenFS
 * ({@code createFile}, {@code write}, {@code sync()}) vs. java.nio ({@code Files.write} per file,
 * then one syncfs of the host file system). The previous shot's directory is removed before each
 * shot, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmallFilesBench extends ShotState {
    static final int FILES = 10_000;
    static final int FILE_SIZE = 4096;

    private byte[] content;

    /** Creates the volume. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        place = HostPlace.create(1L << 30);
        content = new byte[FILE_SIZE];
        for (int i = 0; i < FILE_SIZE; i++) {
            content[i] = (byte) (i * 13 + 1);
        }
    }

    @Override
    String entry(int n) {
        return "d" + n;
    }

    /** Syncs the host file system, so the removal's write-back does not land in the next shot. */
    @Override
    void afterRemove() throws Exception {
        HostPlace.syncHostFileSystem(place.nioDir);
    }

    /** java.nio: 10,000 × Files.write of 4 KiB into a new directory, then one syncfs. */
    @Benchmark
    public int createNio() throws Exception {
        Path dir = Files.createDirectory(place.nioDir.resolve(entry(shot)));
        for (int i = 0; i < FILES; i++) {
            Files.write(dir.resolve(name(i)), content);
        }
        HostPlace.syncHostFileSystem(dir);
        return FILES;
    }

    /** HavenFS: 10,000 × (create, write 4 KiB, close) into a new directory, then one sync. */
    @Benchmark
    public int createHaven() throws Exception {
        HavenFs fs = place.fs;
        long dir = fs.createDirectory(HavenFs.ROOT, entry(shot), new CreateAttributes(0755, 0, 0, 0)).id();
        for (int i = 0; i < FILES; i++) {
            // An OpenFile holds no resources, so "close" is dropping it.
            Inode f = fs.createFile(dir, name(i), CreateAttributes.DEFAULT);
            OpenFile open = fs.open(f.fileId());
            open.write(0, ByteBuffer.wrap(content));
        }
        fs.sync();
        return FILES;
    }

    static String name(int i) {
        return "file-" + i + ".dat";
    }
}
