package dev.haven.files.service;

import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;

/** A fresh case-insensitive HavenFS on a 64 MiB MemoryBlockDevice, shared read-write as "data". */
record MemoryShare(HavenFs fs, Share share) implements AutoCloseable {
    static MemoryShare format() {
        try {
            HavenFs fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16384),
                    new FormatOptions(true, java.time.Clock.systemUTC()));
            return new MemoryShare(fs, Share.of("data", fs, false));
        } catch (dev.haven.fs.FsException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws dev.haven.fs.FsException {
        fs.close();
    }
}
