package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.MemoryBlockDevice;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A directory of 100,000 entries: lookups stay fast, listings resume exactly across changes. */
class BigDirectoryTest {
    private static final int N = 100_000;

    @Test
    void hundredThousandEntriesLookupAndResumableListing() throws Exception {
        MemoryBlockDevice dev = new MemoryBlockDevice("big", 4096, 65_536);
        try (HavenFs fs = HavenFs.format(dev, new FormatOptions(true, java.time.Clock.systemUTC()))) {
            long dir = fs.createDirectory(HavenFs.ROOT, "big", CreateAttributes.DEFAULT).id();
            Map<String, Long> ids = new HashMap<>();
            for (int i = 0; i < N; i++) {
                ids.put("File-" + i + ".dat", fs.createFile(dir, "File-" + i + ".dat", CreateAttributes.DEFAULT).id());
            }
            fs.sync();
            assertEquals(N, fs.attributes(dir).size());
            long[] nanos = new long[2000];
            for (int i = 0; i < nanos.length; i++) {
                String name = "file-" + ((i * 7919) % N) + ".DAT";
                long t0 = System.nanoTime();
                long id = fs.lookup(dir, name).id();
                nanos[i] = System.nanoTime() - t0;
                assertEquals(ids.get("File-" + ((i * 7919) % N) + ".dat"), id);
            }
            Arrays.sort(nanos);
            long medianMicros = nanos[nanos.length / 2] / 1000;
            System.out.println("lookup in " + N + "-entry directory: median " + medianMicros + " us");
            assertTrue(medianMicros < 500, "median lookup " + medianMicros + " us");
            listWhileChanging(fs, dir, ids.keySet());
        }
        FsckReport r = FsCheck.check(dev);
        assertTrue(r.isClean(), r.toString());
    }

    /** Entries present throughout a listing appear exactly once, though others come and go between pages. */
    private static void listWhileChanging(HavenFs fs, long dir, Set<String> initial) throws Exception {
        Set<String> stable = new HashSet<>(initial);
        Set<String> seen = new HashSet<>();
        long cookie = 0;
        int page = 0;
        DirPage p;
        do {
            p = fs.list(dir, cookie, 997);
            for (DirEntry e : p.entries()) {
                assertTrue(seen.add(e.name()), "listed twice: " + e.name());
            }
            cookie = p.cookie();
            for (int k = 0; k < 20; k++) {
                fs.createFile(dir, "new-" + page + "-" + k, CreateAttributes.DEFAULT);
                String victim = "File-" + (page * 20 + k) * 3 + ".dat";
                if (stable.remove(victim)) {
                    fs.unlink(dir, victim);
                }
            }
            page++;
        } while (!p.end());
        for (String s : stable) {
            assertTrue(seen.contains(s), "skipped: " + s);
        }
    }
}
