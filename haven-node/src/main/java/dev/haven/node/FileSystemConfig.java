package dev.haven.node;

/**
 * A HavenFS file system on the production device of a volume.
 *
 * @param name the section name, {@code [filesystem NAME]}
 * @param virtualServer the virtual file server that serves it
 * @param volume the volume directory, relative to the data directory unless absolute
 * @param caseHandling how names match; fixed when the file system is formatted
 * @param schedule the automatic snapshots the node takes of it
 */
public record FileSystemConfig(String name, String virtualServer, String volume, CaseHandling caseHandling,
        SnapshotSchedule schedule) {
    /** A file system without automatic snapshots. */
    public FileSystemConfig(String name, String virtualServer, String volume, CaseHandling caseHandling) {
        this(name, virtualServer, volume, caseHandling, SnapshotSchedule.NONE);
    }
}
