package dev.haven.files.copy;

import dev.haven.files.AccessMask;
import dev.haven.files.ShareAccess;
import dev.haven.files.service.CreateDisposition;
import dev.haven.files.service.FileService;
import dev.haven.files.service.Open;
import dev.haven.files.service.OpenOptions;
import dev.haven.files.service.Principal;
import dev.haven.files.service.Share;
import dev.haven.files.service.SharePath;
import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.util.Random;

/** A file service over HavenFS on a MemoryBlockDevice, with helpers to open, fill and read files. */
final class CopyFixture implements AutoCloseable {
    static final int ALL = AccessMask.FILE_ALL_ACCESS;
    final HavenFs fs;
    final Share share;
    final FileService files = new FileService();

    CopyFixture() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 32_768), FormatOptions.DEFAULT);
        share = Share.of("data", fs, false);
    }

    Open open(String name, int access) {
        return files.open(share, SharePath.parse(name, '/'), CreateDisposition.OPEN_IF, OpenOptions.NONE,
                AccessMask.of(access), ShareAccess.ALL, new Principal("u")).open();
    }

    static byte[] pattern(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    void write(Open o, long off, byte[] data) {
        files.write(o, off, ByteBuffer.wrap(data), false);
    }

    byte[] read(Open o, long off, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && files.read(o, off + b.position(), b) > 0) {
            // reads until end of file or full
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Override
    public void close() throws dev.haven.fs.FsException {
        fs.close();
    }
}
