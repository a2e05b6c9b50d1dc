package dev.haven.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.haven.testkit.MemoryBlockDevice;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random operation sequences against {@link FsModel}, with remounts, group commits and fsck.
 * Replay one seed with {@code -Dhavenfs.seed=N}.
 */
class ModelBasedTest {
    private static final String[] NAMES = {"a", "b", "c", "A", "e", "Ä", "ä", "long-" + "n".repeat(200), "F.txt", "f.TXT"};
    private static final String[] XATTRS = {"user.x", "security.sd", "user.y"};

    private final List<String> log = new ArrayList<>();

    @Test
    void randomOperationsMatchTheModel() throws Exception {
        runSeeds(false, 1000, 30);
    }

    @Test
    void randomOperationsMatchTheModelCaseInsensitive() throws Exception {
        runSeeds(true, 5000, 30);
    }

    private void runSeeds(boolean caseInsensitive, long first, int count) throws Exception {
        String only = System.getProperty("havenfs.seed");
        long base = only != null ? Long.parseLong(only) : first;
        int runs = only != null ? 1 : count;
        for (long seed = base; seed < base + runs; seed++) {
            log.clear();
            try {
                run(seed, 400, caseInsensitive);
            } catch (Throwable t) {
                throw new AssertionError("seed " + seed + " failed (replay: -Dhavenfs.seed=" + seed + "); last ops: "
                        + log.subList(Math.max(0, log.size() - 15), log.size()), t);
            }
        }
    }

    private void run(long seed, int ops, boolean caseInsensitive) throws Exception {
        Random r = new Random(seed);
        MemoryBlockDevice dev = new MemoryBlockDevice("m" + seed, 4096, 8192);
        MountOptions opts = new MountOptions(false, Clock.systemUTC(), Duration.ofDays(1), 2 + r.nextInt(40));
        HavenFs.format(dev, new FormatOptions(caseInsensitive, Clock.systemUTC())).close();
        HavenFs fs = HavenFs.mount(dev, opts);
        FsModel m = new FsModel(caseInsensitive);
        for (int i = 0; i < ops; i++) {
            int op = r.nextInt(100);
            if (op < 3) {
                log.add("remount");
                fs.close();
                assertClean(dev);
                fs = HavenFs.mount(dev, opts);
                verify(fs, m, HavenFs.ROOT);
            } else {
                step(fs, m, r, op);
            }
        }
        verify(fs, m, HavenFs.ROOT);
        fs.close();
        assertClean(dev);
        fs = HavenFs.mount(dev, opts);
        verify(fs, m, HavenFs.ROOT);
        fs.close();
    }

    private static void assertClean(MemoryBlockDevice dev) {
        FsckReport rep = FsCheck.check(dev);
        assertTrue(rep.isClean(), rep.toString());
    }

    private static <T> T pick(Random r, List<T> l) {
        return l.get(r.nextInt(l.size()));
    }

    private void step(HavenFs fs, FsModel m, Random r, int op) throws Exception {
        List<Long> dirs = new ArrayList<>();
        List<Long> files = new ArrayList<>();
        m.nodes.forEach((id, n) -> (n.type == NodeType.DIRECTORY ? dirs : files).add(id));
        dirs.sort(null);
        files.sort(null);
        long dir = pick(r, dirs);
        String name = NAMES[r.nextInt(NAMES.length)];
        if (op < 20) {
            boolean isDir = r.nextInt(3) == 0;
            log.add((isDir ? "mkdir " : "create ") + dir + "/" + name);
            FsError exp = m.createCheck(dir, name);
            expect(exp, () -> {
                Inode i = isDir ? fs.createDirectory(dir, name, CreateAttributes.DEFAULT)
                        : fs.createFile(dir, name, CreateAttributes.DEFAULT);
                m.create(dir, name, i.id(), i.type());
            });
        } else if (op < 45 && !files.isEmpty()) {
            long f = pick(r, files);
            long off = r.nextInt(4) == 0 ? m.get(f).data.length : r.nextInt(150_000);
            byte[] b = new byte[1 + r.nextInt(r.nextBoolean() ? 100 : 20_000)];
            r.nextBytes(b);
            log.add("write " + f + " @" + off + " +" + b.length);
            fs.write(f, off, ByteBuffer.wrap(b));
            m.write(f, off, b);
        } else if (op < 52 && !files.isEmpty()) {
            long f = pick(r, files);
            long size = r.nextInt(3) == 0 ? 0 : r.nextInt(160_000);
            log.add("truncate " + f + " " + size);
            fs.truncate(f, size);
            m.truncate(f, size);
        } else if (op < 62) {
            log.add("unlink " + dir + "/" + name);
            expect(m.unlinkCheck(dir, name), () -> {
                fs.unlink(dir, name);
                m.remove(dir, name);
            });
        } else if (op < 67) {
            log.add("rmdir " + dir + "/" + name);
            expect(m.rmdirCheck(dir, name), () -> {
                fs.removeDirectory(dir, name);
                m.remove(dir, name);
            });
        } else if (op < 80) {
            long dd = pick(r, dirs);
            String dn = NAMES[r.nextInt(NAMES.length)];
            boolean replace = r.nextBoolean();
            log.add("rename " + dir + "/" + name + " -> " + dd + "/" + dn + (replace ? " replace" : ""));
            expect(m.renameCheck(dir, name, dd, dn, replace), () -> {
                fs.rename(dir, name, dd, dn, replace);
                m.rename(dir, name, dd, dn);
            });
        } else if (op < 85 && !files.isEmpty()) {
            long f = pick(r, files);
            log.add("link " + f + " " + dir + "/" + name);
            expect(m.createCheck(dir, name), () -> {
                fs.link(f, dir, name);
                m.get(dir).children.put(name, f);
                m.get(f).links++;
            });
        } else if (op < 93) {
            long any = r.nextBoolean() || files.isEmpty() ? dir : pick(r, files);
            String x = XATTRS[r.nextInt(XATTRS.length)];
            if (r.nextInt(3) == 0) {
                log.add("rmxattr " + any + " " + x);
                expect(m.get(any).xattrs.containsKey(x) ? null : FsError.NOT_FOUND, () -> {
                    fs.removeXattr(any, x);
                    m.get(any).xattrs.remove(x);
                });
            } else {
                byte[] v = new byte[r.nextInt(10) == 0 ? 70_000 : r.nextInt(300)];
                r.nextBytes(v);
                log.add("setxattr " + any + " " + x + " " + v.length);
                fs.setXattr(any, x, v);
                m.get(any).xattrs.put(x, v);
            }
        } else {
            log.add("sync");
            fs.sync();
        }
    }

    private interface Body {
        void run() throws Exception;
    }

    private static void expect(FsError expected, Body body) throws Exception {
        try {
            body.run();
            assertNull(expected, "expected " + expected);
        } catch (FsException e) {
            assertEquals(expected, e.error(), e.getMessage());
        }
    }

    static void verify(HavenFs fs, FsModel m, long dir) throws Exception {
        FsModel.MNode d = m.get(dir);
        Map<String, Long> actual = new TreeMap<>();
        for (DirEntry e : fs.listAll(dir)) {
            actual.put(e.name(), e.inode());
        }
        assertEquals(new TreeMap<>(d.children), actual, "entries of directory " + dir);
        Inode di = fs.attributes(dir);
        long subdirs = d.children.values().stream().filter(c -> m.get(c).type == NodeType.DIRECTORY).count();
        assertEquals(2 + subdirs, di.linkCount(), "links of directory " + dir);
        assertEquals(d.children.size(), di.size());
        checkXattrs(fs, dir, d);
        for (long c : d.children.values()) {
            FsModel.MNode n = m.get(c);
            if (n.type == NodeType.DIRECTORY) {
                verify(fs, m, c);
                continue;
            }
            Inode i = fs.attributes(c);
            assertEquals(n.links, i.linkCount(), "links of " + c);
            assertEquals(n.data.length, i.size(), "size of " + c);
            assertArrayEquals(n.data, HavenFsTest.readAll(fs, c), "content of " + c);
            checkXattrs(fs, c, n);
        }
    }

    private static void checkXattrs(HavenFs fs, long id, FsModel.MNode n) throws Exception {
        assertEquals(List.copyOf(n.xattrs.keySet()), fs.listXattrs(id));
        for (Map.Entry<String, byte[]> x : n.xattrs.entrySet()) {
            assertArrayEquals(x.getValue(), fs.getXattr(id, x.getKey()));
        }
    }
}
