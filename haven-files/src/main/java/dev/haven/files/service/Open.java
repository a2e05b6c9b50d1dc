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
    private volatile Location location;

    /** Where an open's file is named: its directory and name (the share root has none). */
    record Location(long parent, String name) {
    }

    Open(OpenId id, Share share, FileKey key, FileId fileId, boolean directory, AccessMask granted,
            boolean writeThrough, Location location) {
        this.id = id;
        this.share = share;
        this.key = key;
        this.fileId = fileId;
        this.directory = directory;
        this.granted = granted;
        this.writeThrough = writeThrough;
        this.location = location;
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

    /** The file's name in its directory now ("" for a share's root), for listings. */
    public String name() {
        Location l = location;
        return l == null ? "" : l.name();
    }

    long inode() {
        return fileId.inode();
    }

    @Override
    public String toString() {
        return id + " of " + key;
    }
}
