package dev.haven.files.service;

import dev.haven.files.AccessMask;
import dev.haven.files.FileKey;
import dev.haven.files.OpenId;
import dev.haven.fs.FileId;

/**
 * One open of a file or directory, independent of any connection: the front-end keeps it in its
 * own handle table and passes it back on every call. Where the file lives (directory and name)
 * changes on rename; the rest is fixed.
 */
public final class Open {
    private final OpenId id;
    private final Share share;
    private final FileKey key;
    private final FileId fileId;
    private final boolean directory;
    private final AccessMask granted;
    private final boolean writeThrough;
    /** For an open of a named stream, the inode of the file it belongs to; 0 otherwise. */
    private final long streamOf;
    private volatile Location location;

    /**
     * Where the open's file is named: its directory, its name there and, for a file of the
     * share's namespace, its path from the share root (null for a named stream, whose entry lives
     * in a hidden stream directory, not in the namespace). The share root has no location.
     */
    record Location(long parent, String name, SharePath path) {
        Location(long parent, SharePath path) {
            this(parent, path.name(), path);
        }

        /** A named stream's entry in its stream directory. */
        static Location ofStream(long streamDirectory, String stream) {
            return new Location(streamDirectory, stream, null);
        }
    }

    Open(OpenId id, Share share, FileKey key, FileId fileId, boolean directory, AccessMask granted,
            boolean writeThrough, Location location, long streamOf) {
        this.id = id;
        this.share = share;
        this.key = key;
        this.fileId = fileId;
        this.directory = directory;
        this.granted = granted;
        this.writeThrough = writeThrough;
        this.location = location;
        this.streamOf = streamOf;
    }

    /** The inode of the file whose named stream this open is; 0 for an open of a file or directory. */
    long streamOf() {
        return streamOf;
    }

    /** The open's identity. */
    public OpenId id() {
        return id;
    }

    /** The share it was opened through. */
    public Share share() {
        return share;
    }

    /** The file's identity for the rule engines. */
    public FileKey key() {
        return key;
    }

    /** The file's stable id in its file system. */
    public FileId fileId() {
        return fileId;
    }

    /** True for a directory. */
    public boolean isDirectory() {
        return directory;
    }

    /** The access granted at open. */
    public AccessMask granted() {
        return granted;
    }

    boolean writeThrough() {
        return writeThrough;
    }

    Location location() {
        return location;
    }

    void moveTo(Location l) {
        location = l;
    }

    long inode() {
        return fileId.inode();
    }

    @Override
    public String toString() {
        return id + " of " + key;
    }
}
