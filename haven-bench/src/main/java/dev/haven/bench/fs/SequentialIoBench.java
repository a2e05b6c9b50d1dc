package dev.haven.bench.fs;

import dev.haven.fs.CreateAttributes;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * 1 GiB sequential write and read in 1 MiB chunks: HavenFS on a volume's production device vs.
 * a FileChannel on the host file system, one shot each. A write shot creates a fresh file (the
 * previous one is removed before the shot) and ends durable: {@code HavenFs.sync()} vs.
 * {@code FileChannel.force(true)}. Reads read the file the trial wrote once at setup; both sides
 * are then in the host page cache (warm), as their backing files were just written.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SequentialIoBench extends ShotState {
    static final long SIZE = 1L << 30;
    static final int CHUNK = 1 << 20;

    /** What HavenFS sits on: a volume's production device, or (for comparison) a bare FileBlockDevice. */
    @Param({"volume"})
    public String device;

    private ByteBuffer chunk;
    private Path nioReadFile;
    private long havenReadFile;

    /** Creates the volume and the two files the read benchmarks read. */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        place = HostPlace.create(3 * SIZE, device);
        chunk = ByteBuffer.allocateDirect(CHUNK);
        for (int i = 0; i < CHUNK; i++) {
            chunk.put(i, (byte) (i * 31 + 7));
        }
        nioReadFile = place.nioDir.resolve("read");
        writeNio(nioReadFile);
        havenReadFile = writeHaven("read");
    }

    @Override
    String entry(int n) {
        return "w" + n;
    }

    /** java.nio: write 1 GiB to a new host file and force it. */
    @Benchmark
    public long writeNio() throws Exception {
        return writeNio(place.nioDir.resolve(entry(shot)));
    }

    /** HavenFS: write 1 GiB to a new file and sync. */
    @Benchmark
    public long writeHaven() throws Exception {
        return writeHaven(entry(shot));
    }

    /** java.nio: read the 1 GiB host file. */
    @Benchmark
    public long readNio() throws Exception {
        ByteBuffer dst = ByteBuffer.allocateDirect(CHUNK);
        long sum = 0;
        try (FileChannel ch = FileChannel.open(nioReadFile, StandardOpenOption.READ)) {
            for (long pos = 0; pos < SIZE; pos += CHUNK) {
                dst.clear();
                while (dst.hasRemaining() && ch.read(dst, pos + dst.position()) > 0) {
                    // a short read continues where it stopped
                }
                sum += dst.get(0);
            }
        }
        return sum;
    }

    /** HavenFS: read the 1 GiB file. */
    @Benchmark
    public long readHaven() throws Exception {
        ByteBuffer dst = ByteBuffer.allocateDirect(CHUNK);
        long sum = 0;
        for (long pos = 0; pos < SIZE; pos += CHUNK) {
            dst.clear();
            while (dst.hasRemaining() && place.fs.read(havenReadFile, pos + dst.position(), dst) > 0) {
                // a short read continues where it stopped
            }
            sum += dst.get(0);
        }
        return sum;
    }

    private long writeNio(Path file) throws Exception {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (long pos = 0; pos < SIZE; pos += CHUNK) {
                ByteBuffer src = chunk.duplicate().clear();
                while (src.hasRemaining()) {
                    ch.write(src, pos + src.position());
                }
            }
            ch.force(true);
            return ch.size();
        }
    }

    private long writeHaven(String name) throws Exception {
        Inode f = place.fs.createFile(HavenFs.ROOT, name, CreateAttributes.DEFAULT);
        for (long pos = 0; pos < SIZE; pos += CHUNK) {
            place.fs.write(f.id(), pos, chunk.duplicate().clear());
        }
        place.fs.sync();
        return f.id();
    }
}
