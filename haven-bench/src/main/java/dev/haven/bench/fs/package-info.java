/**
 * JMH benchmarks of HavenFS against java.nio on the host file system, measured in the same run:
 * sequential 1 GiB write and read ({@link dev.haven.bench.fs.SequentialIoBench}), 10,000 small
 * files ({@link dev.haven.bench.fs.SmallFilesBench}) and lookups in a 100,000-entry directory
 * ({@link dev.haven.bench.fs.LookupBench}). {@link dev.haven.bench.fs.HostPlace} owns the scratch
 * directory, the volume (or bare file device) and the mounted file system of one trial;
 * {@link dev.haven.bench.fs.ShotState} removes the previous single shot's entry on both sides.
 * Results: docs/benchmarks.md.
 */
package dev.haven.bench.fs;
