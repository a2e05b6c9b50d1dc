package dev.haven.node;

import dev.haven.fs.CreateAttributes;
import dev.haven.fs.FsException;
import dev.haven.fs.HavenFs;
import dev.haven.fs.Inode;
import dev.haven.volume.SnapshotInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Files and snapshots in a running node's {@code data} file system, for the Previous Versions tests. */
final class PreviousVersionsFixture {
    private static final DateTimeFormatter TOKEN =
            DateTimeFormatter.ofPattern("'@GMT-'yyyy.MM.dd-HH.mm.ss").withZone(ZoneOffset.UTC);

    private PreviousVersionsFixture() {}

    /** The {@code @GMT-} token clients use for a snapshot taken at {@code created}. */
    static String token(Instant created) {
        return TOKEN.format(created);
    }

    private static MountedFileSystem data(Node node) {
        return node.virtualServers().get(0).fileSystem("data").orElseThrow();
    }

    /** Writes {@code content} to {@code /name} (replacing what was there), straight into the file system. */
    static void write(Node node, String name, String content) throws IOException {
        HavenFs fs = data(node).fs();
        Inode f;
        try {
            f = fs.lookup(HavenFs.ROOT, name);
        } catch (FsException missing) {
            f = fs.createFile(HavenFs.ROOT, name, new CreateAttributes(0644, 0, 0, 0x20));
        }
        fs.truncate(f.id(), 0);
        fs.write(f.id(), 0, ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        fs.sync();
    }

    /**
     * Writes {@code content} to the named stream {@code name:stream} through the node's file
     * service (streams live where haven-files keeps them); returns the stream's size.
     */
    static int writeStream(Node node, String name, String stream, String content) {
        dev.haven.files.service.FileService files = node.virtualServers().get(0).files();
        dev.haven.files.service.Share share = dev.haven.files.service.Share.of("data", data(node).fs(), false);
        dev.haven.files.service.Principal fixture = new dev.haven.files.service.Principal("fixture",
                dev.haven.files.security.Token.ofUser(dev.haven.files.security.Sid.parse("S-1-5-21-9-9-9-1000")));
        dev.haven.files.service.Open open = files.open(share, dev.haven.files.service.SharePath.parse(name, '/'),
                dev.haven.files.service.CreateDisposition.OVERWRITE_IF,
                new dev.haven.files.service.OpenOptions(false, false, false, false, 0, null, stream),
                dev.haven.files.AccessMask.of(dev.haven.files.AccessMask.FILE_WRITE_DATA),
                dev.haven.files.ShareAccess.ALL, fixture).open();
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try {
            files.write(open, 0, ByteBuffer.wrap(bytes), true);
        } finally {
            files.close(open);
        }
        return bytes.length;
    }

    /** Makes {@code /subdir/hardlink} as a second name of {@code /name} (what smb2.twrp.listdir lists). */
    static void hardlinkInSubdir(Node node, String name) throws IOException {
        HavenFs fs = data(node).fs();
        Inode dir = fs.createDirectory(HavenFs.ROOT, "subdir", new CreateAttributes(0755, 0, 0, 0x10));
        fs.link(fs.lookup(HavenFs.ROOT, name).id(), dir.id(), "hardlink");
        fs.sync();
    }

    /** Takes a live snapshot of the node's {@code data} file system and returns its token. */
    static String snapshot(Node node) throws IOException {
        SnapshotInfo info = node.createSnapshot("data", null).snapshot();
        return token(info.created());
    }

    /**
     * Waits (with a deadline) until the clock has left the second of {@code token}, so that the
     * next snapshot has a token of its own: tokens name seconds.
     */
    static void awaitNextSecond(String token) {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(3);
        while (token(Instant.now()).compareTo(token) <= 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the clock did not leave " + token);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
        }
    }
}
