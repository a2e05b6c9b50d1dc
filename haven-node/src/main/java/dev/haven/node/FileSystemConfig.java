package dev.haven.node;

/**
 * A HavenFS file system on the production device of a volume.
 *
 * @param name the section name, {@code [filesystem NAME]}
 * @param virtualServer the virtual file server that serves it
 * @param volume the volume directory, relative to the data directory unless absolute
 * @param caseHandling how names match; fixed when the file system is formatted
 */
public record FileSystemConfig(String name, String virtualServer, String volume, CaseHandling caseHandling) {}
