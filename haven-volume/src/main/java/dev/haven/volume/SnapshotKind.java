package dev.haven.volume;

/** The two kinds of snapshot. */
public enum SnapshotKind {
    /** A read-only, point-in-time image kept by copy-on-first-write. */
    READ_ONLY("ro"),
    /** A writable image based on a read-only snapshot, keeping its own new data. */
    WRITABLE("rw");

    private final String shortName;

    SnapshotKind(String shortName) {
        this.shortName = shortName;
    }

    /** {@code ro} or {@code rw}, as the command line shows it. */
    public String shortName() {
        return shortName;
    }
}
