package dev.haven.files.service;

import dev.haven.fs.FormatOptions;
import dev.haven.fs.HavenFs;
import dev.haven.testkit.MemoryBlockDevice;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A file service over a fresh case-insensitive HavenFS on a MemoryBlockDevice, one per test. */
abstract class FileServiceFixture {
    HavenFs fs;
    Share share;
    final FileService service = new FileService();

    @BeforeEach
    void format() throws Exception {
        fs = HavenFs.format(new MemoryBlockDevice("fs", 4096, 16384), new FormatOptions(true, java.time.Clock.systemUTC()));
        share = Share.of("data", fs, false);
    }

    @AfterEach
    void unmount() throws Exception {
        fs.close();
    }
}
