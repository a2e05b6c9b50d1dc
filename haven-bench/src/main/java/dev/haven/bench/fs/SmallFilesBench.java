package dev.haven.bench.fs;

import dev.haven.fs.CreateAttributes;
import dev.haven.fs.DirEntry;
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
import org.openjdk.jmh.annotations.TearDown;

/**
 * Create + write 4 KiB + close for 10,000 files in one new directory, then one sync: HavenFS
 * ({@code createFile}, {@code write}, {@code sync()}) vs. java.nio ({@code Files.write} per file,
 * then one syncfs of the host file system). The previous shot's directory is removed before each
 * shot, outside the measured time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SmallFilesBench {
    static final int FILES = 10_000;
    static final int FILE_SIZE = 4096;

    private HostPlace place;
    private byte[] content;
    private int shot;

    /** Creates the volume. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        place = HostPlace.create(1L << 30);
        content = new byte[FILE_SIZE];
        for (int i = 0; i < FILE_SIZE; i++) {
            content[i] = (byte) (i * 13 + 1);
        }
    }

    /** Removes the previous shot's directories on both sides and syncs them away. */
    @Setup(Level.Invocation)
    public void removePreviousShot() throws Exception {
        String dir = "d" + shot;
        HostPlace.deleteTree(place.nioDir.resolve(dir));
        HavenFs fs = place.fs;
        if (fs.listAll(HavenFs.ROOT).stream().anyMatch(e -> e.name().equals(dir))) {
            long ino = fs.lookup(HavenFs.ROOT, dir).id();
            for (DirEntry e : fs.listAll(ino)) {
                fs.unlink(ino, e.name());
            }
            fs.removeDirectory(HavenFs.ROOT, dir);
        }
        fs.sync();
        HostPlace.syncHostFileSystem(place.nioDir);
        shot++;
    }

    /** Closes and deletes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        place.close();
    }

    /** java.nio: 10,000 × Files.write of 4 KiB into a new directory, then one syncfs. */
    @Benchmark
    public int createNio() throws Exception {
        Path dir = Files.createDirectory(place.nioDir.resolve("d" + shot));
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
        long dir = fs.createDirectory(HavenFs.ROOT, "d" + shot, new CreateAttributes(0755, 0, 0, 0)).id();
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
