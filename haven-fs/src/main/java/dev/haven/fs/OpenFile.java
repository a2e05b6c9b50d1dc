package dev.haven.fs;

import java.nio.ByteBuffer;

/** An open regular file: every call checks that the file still exists with the same generation. */
public final class OpenFile {
    private final HavenFs fs;
    private final FileId id;

    OpenFile(HavenFs fs, FileId id) {
        this.fs = fs;
        this.id = id;
    }

    /** The file's identity. */
    public FileId id() {
        return id;
    }

    /** Current attributes. */
    public Inode attributes() throws FsException {
        return fs.attributes(id);
    }

    /** Reads at {@code offset}; returns bytes read, 0 at end of file. */
    public int read(long offset, ByteBuffer dst) throws FsException {
        fs.attributes(id);
        return fs.read(id.inode(), offset, dst);
    }

    /** Writes all of {@code src} at {@code offset}. */
    public void write(long offset, ByteBuffer src) throws FsException {
        fs.attributes(id);
        fs.write(id.inode(), offset, src);
    }

    /** Sets the size. */
    public void truncate(long size) throws FsException {
        fs.attributes(id);
        fs.truncate(id.inode(), size);
    }

    /** Makes the file durable. */
    public void flush() throws FsException {
        fs.attributes(id);
        fs.flush(id.inode());
    }
}
